// npm run byte-flip: the byte-flip test over a real log. A real 3-node cluster (in this
// process, fsync on, 32 KiB segments so that the log has sealed segments and a snapshot)
// chooses values for SYNOD_FLIP_KEYS keys (default 400) with racing clients and stops
// cleanly; every record in node a1's log was acknowledged (its append returned). Then each
// byte of the written part of a1's log files is flipped in turn (XOR 0xff; every 32nd byte
// also each single bit), and recovery runs on the damaged image:
// it must recover every acknowledged record or refuse to start, never silently less.
// A sample of flips also goes through the real FileStorage on disk.
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startLocalCluster } from "../impl/local-cluster.ts";
import { ClusterClient } from "../impl/cluster-client.ts";
import { recoverLog } from "../impl/wal/recover.ts";
import { CorruptLogError } from "../impl/wal/errors.ts";
import { FileStorage } from "../impl/wal/file-storage.ts";
import { isLogFile } from "../impl/wal/data-dir.ts";
import { readHeader, batchExtent } from "../impl/wal/batch.ts";

const KEYS = Number(process.env.SYNOD_FLIP_KEYS ?? 400);
const SEGMENT = 32 * 1024;
const dir = await mkdtemp(path.join(tmpdir(), "synod-flip-"));
const cluster = await startLocalCluster(3, { dataDir: dir, server: { segmentBytes: SEGMENT } });
const clients = await Promise.all([0, 1, 2].map(() => ClusterClient.open(cluster.config)));
for (let k = 0; k < KEYS; k += 8) await Promise.all(Array.from({ length: 8 }, (_, i) => clients[i % 3]!.propose(`key-${k + i}`, `v${i % 3}-${k + i}`)));
for (const c of clients) await c.close();
await cluster.stop();

const nodeDir = path.join(dir, "a1");
const files = new Map<string, Buffer>();
// The log: segments and snapshot (not the next segment, prepared ahead and not yet in use).
for (const n of await readdir(nodeDir)) if (isLogFile(n) && !n.endsWith(".tmp")) files.set(n, await readFile(path.join(nodeDir, n)));
const acked = recoverLog(nodeDir, files).records;
const ackedText = JSON.stringify(acked);

/** Where the written part of a file ends: past the last intact batch (segments are zero-filled after it). */
function writtenEnd(buf: Buffer): number {
  let off = 32;
  for (let h = readHeader(buf, off); h; h = readHeader(buf, off)) off += batchExtent(h.length);
  return Math.min(buf.length, off + 64); // and a little of the unused space after it
}

const tally = { flips: 0, recovered: 0, refused: 0, lost: 0 };
const perFile = new Map<string, { bytes: number; flips: number; recovered: number; refused: number; lost: number }>();
const started = Date.now();
for (const [name, buf] of files) {
  const end = name.endsWith(".seg") ? writtenEnd(buf) : buf.length;
  const before = { ...tally };
  for (let off = 0; off < end; off++) {
    for (const mask of off % 32 === 0 ? [0xff, 1, 2, 4, 8, 16, 32, 64, 128] : [0xff]) {
      buf[off]! ^= mask; // flipped in place, and back after (recovery keeps no reference to it)
      if (++tally.flips % 10_000 === 0) console.error(`  ${tally.flips.toLocaleString("en-US")} flips, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      try {
        const r = recoverLog(nodeDir, files);
        if (JSON.stringify(r.records) === ackedText) tally.recovered++;
        else {
          tally.lost++;
          console.log(`LOST: ${name} byte ${off} mask ${mask}: ${r.records.length} of ${acked.length} records`);
        }
      } catch (e) {
        if (!(e instanceof CorruptLogError)) throw e;
        tally.refused++;
      } finally {
        buf[off]! ^= mask;
      }
    }
  }
  perFile.set(name, { bytes: end, flips: tally.flips - before.flips, recovered: tally.recovered - before.recovered, refused: tally.refused - before.refused, lost: tally.lost - before.lost });
}

// A sample through the real storage on disk: the same verdicts as the pure recovery.
const sample = { runs: 0, recovered: 0, refused: 0, lost: 0 };
const copy = path.join(dir, "copy");
const [segName, seg] = [...files].find(([n]) => n.endsWith(".seg"))!;
for (let off = 0; off < writtenEnd(seg); off += 97) {
  await rm(copy, { recursive: true, force: true });
  await cp(nodeDir, copy, { recursive: true });
  const bad = Buffer.from(seg);
  bad[off]! ^= 0xff;
  await writeFile(path.join(copy, segName), bad);
  const s = new FileStorage({ dir: copy, identity: { cluster: cluster.config.cluster, node: "a1" }, segmentBytes: SEGMENT });
  sample.runs++;
  try {
    const records = await s.load();
    if (JSON.stringify(records) === ackedText) sample.recovered++;
    else sample.lost++;
  } catch (e) {
    if (!(e instanceof CorruptLogError)) throw e;
    sample.refused++;
  } finally {
    await s.close();
  }
}

console.log(`byte-flip over a real log: node a1 of a 3-node cluster after ${KEYS} keys; files ${[...files.keys()].join(", ")}`);
console.log(`records acknowledged: ${acked.length.toLocaleString("en-US")}`);
console.log(`flips: ${tally.flips.toLocaleString("en-US")} (every written byte XOR 0xff, every 32nd byte also each single bit), ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`  recovered every acknowledged record: ${tally.recovered.toLocaleString("en-US")}`);
console.log(`  refused to start:                    ${tally.refused.toLocaleString("en-US")}`);
console.log(`  silently lost records:               ${tally.lost}`);
console.log(`${"file".padEnd(26)}${"bytes".padStart(8)}${"flips".padStart(9)}${"recovered".padStart(11)}${"refused".padStart(9)}${"lost".padStart(6)}`);
for (const [n, f] of perFile) console.log(`${n.padEnd(26)}${String(f.bytes).padStart(8)}${String(f.flips).padStart(9)}${String(f.recovered).padStart(11)}${String(f.refused).padStart(9)}${String(f.lost).padStart(6)}`);
console.log(`through FileStorage on disk (every 97th byte of ${segName}): ${sample.runs} runs, ${sample.recovered} recovered, ${sample.refused} refused, ${sample.lost} lost`);
await rm(dir, { recursive: true, force: true });
process.exitCode = tally.lost + sample.lost === 0 ? 0 : 1;
