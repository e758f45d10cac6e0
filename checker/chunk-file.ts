// Chunks of ints written one after another to a file in a spill folder and read back by
// number: where a list of edges too large for its memory budget keeps its older chunks.
// Written in order, never changed; the folder goes with dispose().
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { join } from "node:path";
import { removeSpillFolder, spillFolder } from "./spill-folder.ts";

export class ChunkFile {
  private dir: string | undefined;
  private fd = -1;
  private end = 0;
  /** Byte offset and length of each chunk written, by the number it was written under. */
  private readonly where = new Map<number, { readonly at: number; readonly bytes: number }>();

  constructor(private readonly prefix: string) {}

  /** Its spill folder, while there is one. */
  get folder(): string | undefined {
    return this.dir;
  }

  /** Bytes on disk. */
  get size(): number {
    return this.end;
  }

  write(k: number, chunk: Int32Array): void {
    if (this.fd < 0) {
      this.dir = spillFolder(this.prefix);
      this.fd = openSync(join(this.dir, "chunks.bin"), "w+");
    }
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.end + done);
    this.where.set(k, { at: this.end, bytes: bytes.length });
    this.end += bytes.length;
  }

  /** Chunk `k`, read into `into` (at least as long); the part of it the chunk fills. */
  read(k: number, into: Int32Array): Int32Array {
    const place = this.where.get(k);
    if (!place) throw new Error(`${this.prefix}: chunk ${k} was never written to disk`);
    const bytes = new Uint8Array(into.buffer, into.byteOffset, place.bytes);
    for (let at = 0; at < place.bytes; ) {
      const got = readSync(this.fd, bytes, at, place.bytes - at, place.at + at);
      if (got === 0) throw new Error(`${this.prefix}: chunk ${k} is short on disk`);
      at += got;
    }
    return into.subarray(0, place.bytes / 4);
  }

  dispose(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    if (this.dir) removeSpillFolder(this.dir);
    this.dir = undefined;
    this.where.clear();
    this.end = 0;
  }
}
