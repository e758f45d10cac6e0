// A write that completes or fails: a short write is continued where it stopped, and a write
// that makes no progress is an error (it would otherwise loop for ever on a full disk).
import type { FileHandle } from "../ports/file-system.ts";

export async function writeAll(h: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const n = await h.write(bytes.subarray(done), position + done);
    if (!(n > 0)) throw new Error(`write at byte ${position + done} wrote nothing (${bytes.length - done} bytes left)`);
    done += n;
  }
}

const ZEROS = Buffer.alloc(1024 * 1024);

/** Write `length` zero bytes from `position`, a megabyte at a time. */
export async function writeZeros(h: FileHandle, position: number, length: number): Promise<void> {
  for (let off = 0; off < length; off += ZEROS.length) await writeAll(h, ZEROS.subarray(0, Math.min(ZEROS.length, length - off)), position + off);
}
