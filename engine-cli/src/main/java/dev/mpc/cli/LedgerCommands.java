package dev.mpc.cli;

import dev.mpc.diag.Result;
import dev.mpc.governance.ActivationLedger;
import dev.mpc.governance.LedgerRecord;
import dev.mpc.json.Canonical;
import dev.mpc.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mpc ledger verify EXPORT} and {@code mpc ledger dedupe EXPORT}: an activation ledger
 * export is JSON Lines, one {@link LedgerRecord#toJson()} per line, in ledger order
 * (docs/governance.md, "Ledger exports").
 */
final class LedgerCommands {
  private LedgerCommands() {}

  /** Both. */
  static List<Command> all() {
    return List.of(new Verify(), new Dedupe());
  }

  /** The records of an export, or exit code 1 after printing the first unreadable line. */
  private static List<LedgerRecord> read(String file, CliIo io) throws UsageException {
    Result<String> text = InputFiles.text(file, io);
    if (!text.isOk()) {
      ManifestCli.printErrors(text.diagnostics(), io);
      return null;
    }
    List<LedgerRecord> out = new ArrayList<>();
    String[] lines = text.orElseThrow().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      Result<LedgerRecord> r = Json.parse(line).flatMap(LedgerRecord::fromJson);
      if (!r.isOk()) {
        io.err().println(file + ":" + (i + 1) + ": [" + r.diagnostics().get(0).code().code() + "] "
            + r.diagnostics().get(0).message());
        return null;
      }
      out.add(r.orElseThrow());
    }
    return out;
  }

  /** {@code mpc ledger verify EXPORT}: exit 0 when the chain is intact, 1 with the first broken link. */
  static final class Verify implements Command {
    @Override
    public String name() {
      return "ledger verify";
    }

    @Override
    public String usage() {
      return "mpc ledger verify EXPORT";
    }

    @Override
    public String summary() {
      return "Check a ledger export's hash chain and logical-key uniqueness; report the first broken link";
    }

    @Override
    public int run(List<String> args, CliIo io) throws UsageException {
      ManifestCli.Options o = ManifestCli.Options.parse(args, Set.of(), 1, 1);
      List<LedgerRecord> records = read(o.positional().get(0), io);
      if (records == null) {
        return 1;
      }
      ActivationLedger.ChainCheck c = ActivationLedger.verify(records);
      if (!c.ok()) {
        io.out().println("BROKEN at record " + c.firstBroken() + " of " + c.records() + ": " + c.problem());
        return 1;
      }
      io.out().println("OK: " + c.records() + " records, hash chain intact, every logical key once");
      return 0;
    }
  }

  /**
   * {@code mpc ledger dedupe EXPORT [--apply -o OUT]}: within each logical key keeps the oldest
   * record (created_at ascending, then id ascending) and lists every record it drops; a dry run
   * unless {@code --apply}, which writes the kept records, renumbered and re-chained, to a new
   * file (never in place).
   */
  static final class Dedupe implements Command {
    @Override
    public String name() {
      return "ledger dedupe";
    }

    @Override
    public String usage() {
      return "mpc ledger dedupe EXPORT [--apply -o OUT]";
    }

    @Override
    public String summary() {
      return "List (dry run) or drop duplicate logical keys of a ledger export, keeping the oldest; writes a new file";
    }

    @Override
    public int run(List<String> args, CliIo io) throws UsageException {
      ManifestCli.Options o = ManifestCli.Options.parse(args, Set.of("-o"), Set.of("--apply"), 1, 1);
      boolean apply = o.flag("--apply");
      if (apply && o.value("-o") == null) {
        throw new UsageException("--apply writes a new file: -o OUT is required");
      }
      if (!apply && o.value("-o") != null) {
        throw new UsageException("-o OUT is only written with --apply");
      }
      if (apply && io.resolve(o.value("-o")).equals(io.resolve(o.positional().get(0)))) {
        throw new UsageException("-o must not be the export itself: the repair never edits in place");
      }
      List<LedgerRecord> records = read(o.positional().get(0), io);
      if (records == null) {
        return 1;
      }
      Comparator<LedgerRecord> oldest = Comparator.comparing(LedgerRecord::createdAt)
          .thenComparingLong(LedgerRecord::id);
      Map<List<String>, LedgerRecord> keep = new LinkedHashMap<>();
      for (LedgerRecord r : records) {
        keep.merge(key(r), r, (a, b) -> oldest.compare(a, b) <= 0 ? a : b);
      }
      List<LedgerRecord> kept = new ArrayList<>();
      int dropped = 0;
      for (LedgerRecord r : records) {
        LedgerRecord winner = keep.get(key(r));
        if (winner == r) {
          kept.add(r);
        } else {
          dropped++;
          io.out().println("drop record " + r.id() + " (" + r.scope() + " key '" + r.idempotencyKey() + "', created "
              + r.createdAt() + "): keeps record " + winner.id() + " (created " + winner.createdAt() + ")");
        }
      }
      if (dropped == 0) {
        io.out().println("no duplicate logical keys in " + records.size() + " records; nothing to drop");
        return 0;
      }
      if (!apply) {
        io.out().println("dry run: would drop " + dropped + " of " + records.size() + " records; the "
            + kept.size() + " kept would be renumbered and re-chained (run with --apply -o OUT)");
        return 1;
      }
      StringBuilder out = new StringBuilder();
      String prev = LedgerRecord.GENESIS;
      for (int i = 0; i < kept.size(); i++) {
        LedgerRecord r = kept.get(i);
        LedgerRecord re = LedgerRecord.chained(i + 1L, r.scope(), r.idempotencyKey(), r.action(), r.previousHash(),
            r.artifactHash(), r.bundleDigest(), r.sequence(), r.mode(), r.actor(), r.createdAt(), prev);
        out.append(Canonical.json(re.toJson())).append('\n');
        prev = re.recordHash();
      }
      try {
        Files.writeString(io.resolve(o.value("-o")), out.toString(), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        io.err().println("Error: " + o.value("-o") + " exists; not overwriting it");
        return 2;
      } catch (IOException e) {
        io.err().println("Error: cannot write " + o.value("-o") + ": " + e.getMessage());
        return 2;
      }
      io.out().println("dropped " + dropped + " of " + records.size() + " records; wrote " + kept.size()
          + " renumbered, re-chained records to " + o.value("-o"));
      return 0;
    }

    private static List<String> key(LedgerRecord r) {
      return List.of(r.scope().tenant(), r.scope().namespace(), r.idempotencyKey());
    }
  }
}
