// Compaction, in the background: fold the current snapshot and the sealed segments after it
// into a new snapshot, then drop what it replaces. It reads the files back rather than
// copying the node's state, and yields to the event loop between batches, so appends go on
// at full speed while it runs. Triggered when the sealed segments outweigh twice the last
// snapshot, its cost per appended byte is bounded whatever the number of keys.
import * as path from "node:path";
import type { FileSystem } from "../ports/file-system.ts";
import { BatchKind } from "./batch.ts";
import { CorruptLogError } from "./errors.ts";
import { LiveState } from "../core/live-state.ts";
import { batchesFrom, runAsync } from "./scan.ts";
import { SEGMENT_HEADER_BYTES, checkSegmentHeader, segmentName } from "./segment.ts";
import { encodeSnapshot, scanSnapshot, snapshotName } from "./snapshot.ts";
import { writeAll } from "./write-all.ts";

export type CompactionResult = { readonly snapshot: number; readonly bytes: number; readonly keys: number };

/** Replace `snapshot` (if any) and the sealed `segments` (consecutive) by one snapshot. */
export async function compact(fs: FileSystem, dir: string, snapshot: number | null, segments: readonly number[], sync: boolean, stopped: () => boolean = () => false): Promise<CompactionResult> {
  const live = new LiveState();
  const apply = (b: { kind: number; records?: unknown }) => {
    if (b.kind === BatchKind.records) for (const r of (b as { records: Parameters<LiveState["apply"]>[0][] }).records) live.apply(r);
  };
  const read = async (name: string) => {
    const buf = await fs.readFile(path.join(dir, name));
    if (buf === null) throw new Error(`${name} disappeared during compaction`);
    return buf;
  };
  if (snapshot !== null) await runAsync(scanSnapshot(await read(snapshotName(snapshot)), snapshot, path.join(dir, snapshotName(snapshot))), apply);
  let nextSeq = -1;
  for (const n of segments) {
    if (stopped()) throw new Error("compaction stopped: the storage is closing");
    const file = path.join(dir, segmentName(n));
    const buf = await read(segmentName(n));
    checkSegmentHeader(buf, n, file);
    let sealed = false;
    const end = await runAsync(batchesFrom(buf, SEGMENT_HEADER_BYTES, null, file), (b) => {
      apply(b);
      if (b.kind === BatchKind.seal) (sealed = true), (nextSeq = b.seq + 1);
    });
    if (!sealed) throw new CorruptLogError(file, end, "a sealed segment no longer reads back to its seal");
  }
  const target = segments.at(-1)! + 1;
  const tmp = path.join(dir, `${snapshotName(target)}.tmp`);
  await fs.remove(tmp);
  const h = await fs.open(tmp, "create");
  let bytes = 0;
  try {
    for (const chunk of encodeSnapshot(target, nextSeq, live.records())) {
      await writeAll(h, chunk, bytes);
      bytes += chunk.length;
      if (stopped()) throw new Error("compaction stopped: the storage is closing");
      await new Promise((r) => setImmediate(r));
    }
    if (sync) await h.datasync();
  } finally {
    await h.close();
  }
  await fs.rename(tmp, path.join(dir, snapshotName(target)));
  if (sync) await fs.syncDir(dir);
  if (snapshot !== null) await fs.remove(path.join(dir, snapshotName(snapshot)));
  for (const n of segments) await fs.remove(path.join(dir, segmentName(n)));
  if (sync) await fs.syncDir(dir);
  return { snapshot: target, bytes, keys: live.size };
}
