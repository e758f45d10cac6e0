// Recovery of the write-ahead log from damaged images: a torn last write at every byte is
// dropped (and only it); a flipped byte anywhere is either harmless or refused, never a
// silent loss; truncated, deleted and half-rolled segments are told apart.
import { describe, expect, it } from "vitest";
import { crc32 } from "../../impl/wal/crc32.ts";
import { BatchKind, batchExtent, encodeBatch, readHeader } from "../../impl/wal/batch.ts";
import { CorruptLogError } from "../../impl/wal/errors.ts";
import { recoverLog } from "../../impl/wal/recover.ts";
import { segmentName } from "../../impl/wal/segment.ts";
import type { WalRecord } from "../../impl/core/effects.ts";
import { DIR, logImages, record, simLog, storageOn } from "./support/sim-log.ts";

const SEG1 = segmentName(1);

/** Recover, or the refusal. */
function tryRecover(files: Map<string, Buffer>): { records: WalRecord[] } | CorruptLogError {
  try {
    return recoverLog(DIR, files);
  } catch (e) {
    if (e instanceof CorruptLogError) return e;
    throw e;
  }
}

/** Offsets of the batches in segment 1, in order. */
function batchOffsets(seg: Buffer): number[] {
  const out: number[] = [];
  for (let off = 32; ; ) {
    const h = readHeader(seg, off);
    if (!h) return out;
    out.push(off);
    off += batchExtent(h.length);
  }
}

describe("batch framing", () => {
  it("crc32 matches the standard check value", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });

  it("a batch reads back; a damaged length is caught by the header's own checksum", () => {
    const b = encodeBatch(BatchKind.records, 7, [record(1)]);
    expect(readHeader(b, 0)).toMatchObject({ kind: 1, seq: 7 });
    const bad = Buffer.from(b);
    bad[19]! ^= 0x01; // the body length
    expect(readHeader(bad, 0)).toBeNull();
  });
});

describe("recovery", () => {
  it("replays every acknowledged record of a clean log", async () => {
    const { disk, acked } = await simLog(20);
    expect(recoverLog(DIR, await logImages(disk)).records).toEqual(acked);
  });

  it("drops a torn last write cut at every byte, and keeps every record before it", async () => {
    const { disk, acked } = await simLog(6, 3);
    const files = await logImages(disk);
    const seg = files.get(SEG1)!;
    const last = batchOffsets(seg).at(-1)!;
    const end = last + batchExtent(readHeader(seg, last)!.length);
    const before = acked.slice(0, -3);
    let dropped = 0;
    for (let cut = last; cut < end; cut++) {
      const torn = Buffer.from(seg);
      torn.fill(0, cut, end);
      const r = tryRecover(new Map([...files, [SEG1, torn]]));
      expect(r, `cut at ${cut}`).not.toBeInstanceOf(CorruptLogError);
      const records = (r as { records: WalRecord[] }).records;
      expect(records.slice(0, before.length)).toEqual(before);
      if (records.length === before.length) dropped++;
    }
    expect(dropped).toBeGreaterThan(0);
  });

  // The full measurement over a real cluster's log is `npm run byte-flip` (bench/byte-flip.ts).
  it("a flipped byte anywhere in the written log is refused or harmless, never a silent loss", async () => {
    const { disk, acked } = await simLog(8, 2);
    const files = await logImages(disk);
    const seg = files.get(SEG1)!;
    const written = batchOffsets(seg).at(-1)! + 512;
    const tally = { recovered: 0, refused: 0, lost: 0 };
    for (let off = 0; off < written; off++) {
      for (const mask of off % 7 === 0 ? [0xff, 0x01, 0x80] : [0xff]) {
        const bad = Buffer.from(seg);
        bad[off]! ^= mask;
        const r = tryRecover(new Map([...files, [SEG1, bad]]));
        if (r instanceof CorruptLogError) tally.refused++;
        else if (JSON.stringify(r.records) === JSON.stringify(acked)) tally.recovered++;
        else tally.lost++;
      }
    }
    expect(tally.lost).toBe(0);
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.recovered).toBeGreaterThan(0); // flips in filler and unused space are harmless
  });

  it("the refusal names the file, the byte and the batch", async () => {
    const { disk } = await simLog(5);
    const files = await logImages(disk);
    const seg = Buffer.from(files.get(SEG1)!);
    const second = batchOffsets(seg)[1]!;
    seg[second + 40]! ^= 0x04; // inside the second batch's body
    const r = tryRecover(new Map([...files, [SEG1, seg]]));
    expect(r).toBeInstanceOf(CorruptLogError);
    expect((r as Error).message).toContain(`${DIR}/${SEG1} is damaged at byte ${second}`);
    expect((r as Error).message).toMatch(/intact batch \(seq 3\) follows/);
  });

  it("refuses a truncated segment, a deleted segment and a log with no segment", async () => {
    const { disk } = await simLog(400, 4);
    const files = await logImages(disk);
    expect([...files.keys()].filter((n) => n.endsWith(".seg")).length).toBeGreaterThan(1);
    const seg = files.get(SEG1)!;
    expect(tryRecover(new Map([...files, [SEG1, seg.subarray(0, seg.length - 4096)]]))).toMatchObject({ reason: /truncated or extended/ });
    const noSecond = new Map(files);
    noSecond.delete(segmentName(2));
    expect(tryRecover(noSecond)).toMatchObject({ reason: /missing/ });
    expect(tryRecover(new Map())).toMatchObject({ reason: /no segment: it was deleted/ });
  });

  it("seals a segment whose successor was created just before a crash", async () => {
    const { disk, acked } = await simLog(400, 4);
    const files = await logImages(disk);
    const segs = [...files.keys()].filter((n) => n.endsWith(".seg")).sort();
    const lastFull = files.get(segs.at(-2)!)!;
    // Undo the seal of the segment before the last, and empty the last one: the state between
    // creating the next segment and sealing this one.
    const offs = batchOffsets(lastFull);
    const unsealed = Buffer.from(lastFull);
    unsealed.fill(0, offs.at(-1)!);
    const empty = Buffer.from(files.get(segs.at(-1)!)!);
    empty.fill(0, 32);
    expect(recoverLog(DIR, files).records).toEqual(acked);
    const r = recoverLog(DIR, new Map([...files, [segs.at(-2)!, unsealed], [segs.at(-1)!, empty]]));
    expect(r.repairs.map((x) => x.kind)).toEqual(["seal"]);
    expect(acked.slice(0, r.records.length)).toEqual(r.records);
  });

  it("the node says what it repaired when it starts", async () => {
    const { disk } = await simLog(4);
    const seg = (await disk.readFile(`${DIR}/${SEG1}`))!;
    const last = batchOffsets(seg).at(-1)!;
    const torn = Buffer.from(seg);
    torn.fill(0, last + 40, last + 60);
    disk.image(`${DIR}/${SEG1}`, torn);
    const lines: string[] = [];
    const s = storageOn(disk, { log: (l) => lines.push(l) });
    expect((await s.load()).length).toBe(6);
    await s.close();
    expect(lines.join("\n")).toMatch(/recovery: dropped \d+ bytes at byte \d+ of \/data\/a1\/wal-0+1\.seg: the last write \(batch seq 4/);
  });
});
