package dev.mpc.cli;

import dev.mpc.artifact.Artifact;
import dev.mpc.diag.Diagnostic;
import dev.mpc.diag.Result;
import dev.mpc.engine.MpcEngine;
import dev.mpc.governance.ArtifactBundle;
import dev.mpc.governance.Attestation;
import dev.mpc.governance.BundleVerifier;
import dev.mpc.governance.Ed25519;
import dev.mpc.governance.SignedBundle;
import dev.mpc.governance.TrustStore;
import dev.mpc.governance.VerifiedBundle;
import dev.mpc.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The signing commands: {@code mpc keygen}, {@code mpc bundle} and {@code mpc verify}
 * (docs/governance.md, "Runbook").
 */
final class GovernanceCommands {
  private GovernanceCommands() {}

  /** All of them. */
  static List<Command> all() {
    return List.of(new Keygen(), new Bundle(), new Verify());
  }

  private static void printError(Diagnostic d, CliIo io) {
    ManifestCli.printErrors(List.of(d), io);
  }

  /** {@code mpc keygen --out K}: an Ed25519 key pair, K (private, owner-only) and K.pub. */
  static final class Keygen implements Command {
    @Override
    public String name() {
      return "keygen";
    }

    @Override
    public String usage() {
      return "mpc keygen --out K";
    }

    @Override
    public String summary() {
      return "Generate an Ed25519 signing key: K (private, owner-only) and K.pub; print the key id";
    }

    @Override
    public int run(List<String> args, CliIo io) throws UsageException {
      ManifestCli.Options o = ManifestCli.Options.parse(args, Set.of("--out"), 0, 0);
      if (o.value("--out") == null) {
        throw new UsageException("--out K is required");
      }
      Path priv = io.resolve(o.value("--out"));
      Path pub = io.resolve(o.value("--out") + ".pub");
      Ed25519.KeyPair k = Ed25519.generate(new SecureRandom());
      try {
        if (Files.exists(priv) || Files.exists(pub)) {
          io.err().println("Error: " + o.value("--out") + " or its .pub exists; not overwriting a key");
          return 2;
        }
        try {
          Files.createFile(priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
          Files.createFile(priv); // not a POSIX file system
        }
        Files.writeString(priv, k.privateKeyJson() + "\n", StandardCharsets.UTF_8);
        Files.writeString(pub, k.publicKeyJson() + "\n", StandardCharsets.UTF_8);
      } catch (FileAlreadyExistsException e) {
        io.err().println("Error: " + o.value("--out") + " exists; not overwriting a key");
        return 2;
      } catch (IOException e) {
        io.err().println("Error: cannot write the key: " + e.getMessage());
        return 2;
      }
      io.out().println(k.keyId());
      return 0;
    }
  }

  /** {@code mpc bundle FILE --meta M --key K -o B}: compile, attest the preset, sign. */
  static final class Bundle implements Command {
    @Override
    public String name() {
      return "bundle";
    }

    @Override
    public String usage() {
      return "mpc bundle FILE --meta META --key K [--preset P] [--syntax dsl|yaml|json] -o BUNDLE";
    }

    @Override
    public String summary() {
      return "Compile a manifest into a signed bundle (DSSE, Ed25519) and print its digest";
    }

    @Override
    public int run(List<String> args, CliIo io) throws UsageException {
      Set<String> named = new HashSet<>(CompileInputs.OPTIONS);
      named.add("-o");
      named.add("--key");
      ManifestCli.Options o = ManifestCli.Options.parse(args, named, 1, 1);
      CompileInputs.requireMeta(o);
      if (o.value("-o") == null || o.value("--key") == null) {
        throw new UsageException("--key K and -o BUNDLE are required");
      }
      Result<String> keyText = InputFiles.text(o.value("--key"), io);
      Result<Ed25519.KeyPair> key = keyText.flatMap(Ed25519::readPrivate);
      if (!(key instanceof Result.Ok<Ed25519.KeyPair> k)) {
        ManifestCli.printErrors(key.diagnostics(), io);
        return 1;
      }
      int[] exit = {0};
      CompileInputs in = CompileInputs.load(o, io, exit);
      if (in == null) {
        return exit[0];
      }
      Result<Artifact> r = in.compile();
      if (!(r instanceof Result.Ok<Artifact> ok)) {
        ManifestCli.printErrors(r.diagnostics(), io);
        return 1;
      }
      // only what was done is attested: the preset applied at compile time (no conformance claim)
      ArtifactBundle b = ArtifactBundle.of(ok.get(), MpcEngine.ENGINE_NAME, in.preset().name(), List.of(),
          List.of(new Attestation(Attestation.PRESET_APPLIED, JsonObject.builder().put("preset", in.preset().name())
              .build())));
      Result<SignedBundle> signed = SignedBundle.sign(b, List.of(Ed25519.signer(k.get())));
      if (!(signed instanceof Result.Ok<SignedBundle> s)) {
        ManifestCli.printErrors(signed.diagnostics(), io);
        return 1;
      }
      try {
        Files.write(io.resolve(o.value("-o")), s.get().toBytes());
      } catch (IOException e) {
        io.err().println("Error: cannot write " + o.value("-o") + ": " + e.getMessage());
        return 2;
      }
      io.out().println(s.get().digest() + " " + k.get().keyId());
      return 0;
    }
  }

  /** {@code mpc verify B --trust T}: exit 0 with the digest and key id, exit 1 with the coded error. */
  static final class Verify implements Command {
    @Override
    public String name() {
      return "verify";
    }

    @Override
    public String usage() {
      return "mpc verify BUNDLE --trust TRUST [--require-attestation TYPE] [--standard]";
    }

    @Override
    public String summary() {
      return "Verify a signed bundle against a trust store (or a .pub key); print its digest and key id";
    }

    @Override
    public int run(List<String> args, CliIo io) throws UsageException {
      ManifestCli.Options o = ManifestCli.Options.parse(args, Set.of("--trust", "--require-attestation"),
          Set.of("--standard"), 1, 1);
      if (o.value("--trust") == null) {
        throw new UsageException("--trust TRUST is required");
      }
      Result<TrustStore> trust = InputFiles.text(o.value("--trust"), io).flatMap(TrustStore::fromJson);
      if (!(trust instanceof Result.Ok<TrustStore> t)) {
        ManifestCli.printErrors(trust.diagnostics(), io);
        return 1;
      }
      byte[] bytes = InputFiles.read(o.positional().get(0), io, Files::readAllBytes);
      BundleVerifier.Builder b = BundleVerifier.builder().trust(t.get())
          .mode(o.flag("--standard") ? BundleVerifier.Mode.STANDARD : BundleVerifier.Mode.ENTERPRISE);
      if (o.value("--require-attestation") != null) {
        b.requireAttestations(o.value("--require-attestation"));
      }
      Result<VerifiedBundle> v = b.build().flatMap(x -> x.verify(bytes));
      if (!(v instanceof Result.Ok<VerifiedBundle> ok)) {
        printError(v.diagnostics().get(0), io);
        return 1;
      }
      Result<ArtifactBundle> loaded = ok.get().load(); // the artifact too: verified on load
      if (!loaded.isOk()) {
        printError(loaded.diagnostics().get(0), io);
        return 1;
      }
      io.out().println(ok.get().digest() + " " + ok.get().keyId().orElse("unsigned") + " "
          + loaded.orElseThrow().artifact().hash());
      return 0;
    }
  }
}
