package dev.mpc.cli;

import static dev.mpc.cli.MainTest.mpc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpc keygen}, {@code mpc bundle}, {@code mpc verify} on the example manifest. */
class GovernanceCommandsTest {
  static final Path MANIFESTS = CliHardeningTest.EXAMPLES;

  @TempDir
  Path dir;

  String keyId;

  @BeforeEach
  void keys() throws IOException {
    Files.copy(MANIFESTS.resolve("order-access.mpc"), dir.resolve("order-access.mpc"));
    Files.copy(MANIFESTS.resolve("order-access-meta.yaml"), dir.resolve("meta.yaml"));
    MainTest.Run k = mpc(dir, "keygen", "--out", "k");
    assertEquals(0, k.code(), k.err());
    keyId = k.out().strip();
    assertTrue(keyId.matches("[0-9a-f]{16}"), keyId);
  }

  @Test
  void keygen_writesOwnerOnlyPrivateKey_andRefusesToOverwrite() throws IOException {
    assertTrue(Files.readString(dir.resolve("k.pub")).contains(keyId));
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
          Files.getPosixFilePermissions(dir.resolve("k")));
    }
    String before = Files.readString(dir.resolve("k"));
    MainTest.Run again = mpc(dir, "keygen", "--out", "k");
    assertEquals(2, again.code());
    assertEquals(before, Files.readString(dir.resolve("k")));
    assertEquals(2, mpc(dir, "keygen").code());
  }

  @Test
  void bundleThenVerify_printsDigestAndKeyId_andTamperingIsExit1WithTheCode() throws IOException {
    MainTest.Run b = mpc(dir, "bundle", "order-access.mpc", "--meta", "meta.yaml", "--key", "k", "-o", "b.json");
    assertEquals(0, b.code(), b.err());
    String digest = b.out().strip().split(" ")[0];
    MainTest.Run v = mpc(dir, "verify", "b.json", "--trust", "k.pub");
    assertEquals(0, v.code(), v.out() + v.err());
    assertTrue(v.out().startsWith(digest + " " + keyId + " "), v.out());
    assertEquals(0, mpc(dir, "verify", "b.json", "--trust", "k.pub", "--require-attestation", "preset-applied")
        .code());
    MainTest.Run noConformance = mpc(dir, "verify", "b.json", "--trust", "k.pub", "--require-attestation",
        "conformance-passed");
    assertEquals(1, noConformance.code());
    assertTrue(noConformance.out().contains("E_GOV_ATTESTATION_MISSING"), noConformance.out());
    // another key
    mpc(dir, "keygen", "--out", "other");
    MainTest.Run wrong = mpc(dir, "verify", "b.json", "--trust", "other.pub");
    assertEquals(1, wrong.code());
    assertTrue(wrong.out().contains("E_GOV_SIGNATURE_INVALID") && wrong.out().contains("unknown key"), wrong.out());
    // one byte of the payload changed
    String text = Files.readString(dir.resolve("b.json"), StandardCharsets.UTF_8);
    int at = text.indexOf("\"payload\":\"") + 20;
    char c = text.charAt(at);
    Files.writeString(dir.resolve("t.json"), text.substring(0, at) + (c == 'A' ? 'B' : 'A') + text.substring(at + 1));
    MainTest.Run tampered = mpc(dir, "verify", "t.json", "--trust", "k.pub");
    assertEquals(1, tampered.code());
    assertTrue(tampered.out().contains("E_GOV_SIGNATURE_INVALID"), tampered.out());
    // garbage is a coded error too, not a stack trace
    Files.writeString(dir.resolve("g.json"), "{not json");
    MainTest.Run garbage = mpc(dir, "verify", "g.json", "--trust", "k.pub");
    assertEquals(1, garbage.code());
    assertTrue(garbage.out().contains("E_GOV_SIGNATURE_INVALID") && garbage.err().isEmpty(), garbage.out() + garbage.err());
    MainTest.Run badTrust = mpc(dir, "verify", "b.json", "--trust", "g.json");
    assertEquals(1, badTrust.code());
  }

  @Test
  void bundle_withAMalformedKey_orNoKey_isCoded() throws IOException {
    Files.writeString(dir.resolve("bad"), "{\"algorithm\":\"rsa\"}");
    MainTest.Run bad = mpc(dir, "bundle", "order-access.mpc", "--meta", "meta.yaml", "--key", "bad", "-o", "b.json");
    assertEquals(1, bad.code());
    assertTrue(bad.out().contains("E_PARSE_INVALID_TOKEN"), bad.out());
    assertEquals(2, mpc(dir, "bundle", "order-access.mpc", "--meta", "meta.yaml", "-o", "b.json").code());
  }
}
