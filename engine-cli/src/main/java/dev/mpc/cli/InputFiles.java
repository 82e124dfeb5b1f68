package dev.mpc.cli;

import dev.mpc.diag.Code;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one way every {@code mpc} command reads an input file or directory. A file that cannot be
 * read (missing, a directory, no permission, an I/O error) is {@link UsageException#unreadable}:
 * one line {@code mpc CMD: [E_INPUT_UNREADABLE] cannot read 'FILE': REASON}, exit 2, in every
 * command. Bad <em>content</em> is the reader's business (a coded diagnostic, exit 1).
 */
final class InputFiles {
  private InputFiles() {}

  /** Reads a file. */
  @FunctionalInterface
  interface Reader<T> {
    /** Reads {@code path}. */
    T read(Path path) throws IOException;
  }

  /** {@code reader} applied to {@code file} (resolved against the working directory). */
  static <T> T read(String file, CliIo io, Reader<T> reader) throws UsageException {
    Path path = io.resolve(file);
    if (Files.isDirectory(path)) {
      throw UsageException.unreadable(file, "is a directory");
    }
    try {
      return reader.read(path);
    } catch (IOException e) {
      throw UsageException.unreadable(file, reason(e));
    }
  }

  /** The file's text (UTF-8); text that is not UTF-8 is a failed result ({@code E_PARSE_INVALID_TOKEN}). */
  static Result<String> text(String file, CliIo io) throws UsageException {
    byte[] bytes = read(file, io, Files::readAllBytes);
    try {
      return Result.ok(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Result.failed(Diagnostic.of(Code.E_PARSE_INVALID_TOKEN, file + " is not valid UTF-8"));
    }
  }

  /** {@code dir} resolved, if it is a readable directory. */
  static Path directory(String dir, CliIo io) throws UsageException {
    Path p = io.resolve(dir);
    if (!Files.exists(p)) {
      throw UsageException.unreadable(dir, "no such directory");
    }
    if (!Files.isDirectory(p)) {
      throw UsageException.unreadable(dir, "not a directory");
    }
    if (!Files.isReadable(p)) {
      throw UsageException.unreadable(dir, "permission denied");
    }
    return p;
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
