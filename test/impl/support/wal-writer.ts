// Child process for the kill-mid-write test: append round records 1, 2, 3, ... to a
// write-ahead log as fast as it can, printing each acknowledged round, until killed.
import { FileStorage } from "../../../impl/wal/file-storage.ts";

const storage = new FileStorage({ dir: process.argv[2]!, identity: { cluster: "c1", node: "a1" }, init: true, segmentBytes: 256 * 1024 });
await storage.load();
for (let round = 1; ; round++) {
  // A big value makes each write span several pages, so a kill can land mid-record.
  await storage.append([{ t: "vote", key: "k", ballot: { round, proposer: "p1" }, value: "x".repeat(4000) }, { t: "round", key: "k", round }]);
  process.stdout.write(`${round}\n`);
}
