package dev.mpc.examples.alm;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies are limited to {@value #MAX_BYTES} bytes: a larger {@code Content-Length} is 413
 * at once; a chunked body stops being read at the limit (the request then fails as unreadable).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class BodyLimitFilter extends OncePerRequestFilter {
  /** The largest body (1 MiB). */
  public static final int MAX_BYTES = 1 << 20;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BYTES) {
      response.setStatus(413);
      response.setContentType("application/problem+json");
      response.getWriter().write("{\"type\":\"https://mpc.dev/problems/ALM_BODY_TOO_LARGE\",\"title\":\"Payload Too Large\","
          + "\"status\":413,\"code\":\"ALM_BODY_TOO_LARGE\",\"detail\":\"request bodies are limited to " + MAX_BYTES
          + " bytes\"}");
      return;
    }
    chain.doFilter(new HttpServletRequestWrapper(request) {
      private ServletInputStream limited;

      @Override
      public ServletInputStream getInputStream() throws IOException {
        if (limited == null) {
          ServletInputStream in = super.getInputStream();
          limited = new ServletInputStream() {
            private long read;

            @Override
            public int read() throws IOException {
              int b = in.read();
              if (b >= 0 && ++read > MAX_BYTES) {
                throw new IOException("request body larger than " + MAX_BYTES + " bytes");
              }
              return b;
            }

            @Override
            public boolean isFinished() {
              return in.isFinished();
            }

            @Override
            public boolean isReady() {
              return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
              in.setReadListener(listener);
            }
          };
        }
        return limited;
      }
    }, response);
  }
}
