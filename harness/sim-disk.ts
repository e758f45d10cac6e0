// A simulated disk for the write-ahead log: files and directories in memory, with what is
// durable kept apart from what is only written. A crash keeps the durable state and, of each
// write since the last fsync, all of it, none of it, or only some of its 512-byte sectors (a
// torn write), as a seeded PRNG decides; directory entries revert to the last directory
// fsync. Bit flips and other damage are made on purpose with `flip` and `image`.
import * as path from "node:path";
import type { DirLock, FileHandle, FileSystem } from "../impl/ports/file-system.ts";
import type { Rng } from "../impl/ports/rng.ts";

const SECTOR = 512;

type Inode = { data: Buffer; durable: Buffer; unsynced: { offset: number; length: number }[] };

export type CrashMode = "drop-unsynced" | "keep-unsynced" | "tear";

export class SimDisk implements FileSystem {
  /**
   * `slow`: every write and fsync takes a turn of the event loop, as a real disk's do, so that
   * a crash can fall between a write and its fsync.
   */
  constructor(private readonly o: { readonly slow?: boolean } = {}) {}
  private entries = new Map<string, Inode>();
  private durableEntries = new Map<string, Inode>();
  private dirs = new Set<string>(["/"]);
  private readonly locks = new Set<string>();

  async mkdirp(dir: string): Promise<void> {
    for (let d = path.resolve(dir); !this.dirs.has(d); d = path.dirname(d)) this.dirs.add(d);
  }

  async list(dir: string): Promise<string[] | null> {
    const d = path.resolve(dir);
    if (!this.dirs.has(d)) return null;
    return [...this.entries.keys()].filter((f) => path.dirname(f) === d).map((f) => path.basename(f)).sort();
  }

  async readFile(file: string): Promise<Buffer | null> {
    const n = this.entries.get(path.resolve(file));
    return n ? Buffer.from(n.data) : null;
  }

  async open(file: string, how: "create" | "existing"): Promise<FileHandle> {
    const f = path.resolve(file);
    if (!this.dirs.has(path.dirname(f))) throw errno("ENOENT", `no such directory: ${path.dirname(f)}`);
    let n = this.entries.get(f);
    if (how === "create") {
      if (n) throw errno("EEXIST", `file exists: ${f}`);
      n = { data: Buffer.alloc(0), durable: Buffer.alloc(0), unsynced: [] };
      this.entries.set(f, n);
    } else if (!n) throw errno("ENOENT", `no such file: ${f}`);
    const inode = n;
    let open = true;
    return {
      write: async (bytes, position) => {
        await this.turn();
        if (!open) throw errno("EBADF", "file is closed");
        const end = position + bytes.length;
        if (end > inode.data.length) inode.data = Buffer.concat([inode.data, Buffer.alloc(end - inode.data.length)]);
        Buffer.from(bytes).copy(inode.data, position);
        inode.unsynced.push({ offset: position, length: bytes.length });
        return bytes.length;
      },
      datasync: async () => {
        await this.turn();
        if (!open) throw errno("EBADF", "file is closed");
        sync(inode);
      },
      close: async () => void (open = false),
    };
  }

  async rename(from: string, to: string): Promise<void> {
    const n = this.entries.get(path.resolve(from));
    if (!n) throw errno("ENOENT", `no such file: ${from}`);
    this.entries.delete(path.resolve(from));
    this.entries.set(path.resolve(to), n);
  }

  async remove(file: string): Promise<void> {
    this.entries.delete(path.resolve(file));
  }

  async syncDir(dir: string): Promise<void> {
    const d = path.resolve(dir);
    for (const f of [...this.durableEntries.keys()]) if (path.dirname(f) === d) this.durableEntries.delete(f);
    for (const [f, n] of this.entries) if (path.dirname(f) === d) this.durableEntries.set(f, n);
  }

  async lock(dir: string): Promise<DirLock> {
    const d = path.resolve(dir);
    if (this.locks.has(d)) throw errno("EBUSY", `data directory ${d} is in use by another synod process`);
    this.locks.add(d);
    return { release: async () => void this.locks.delete(d) };
  }

  /**
   * The machine loses power: what was fsynced stays; each unsynced write survives whole,
   * not at all, or in part (some of its sectors), as `mode` and the PRNG decide.
   */
  crash(rng: Rng, mode: CrashMode = "tear"): void {
    this.locks.clear();
    const survivors = new Map<string, Inode>();
    for (const [f, n] of this.durableEntries) survivors.set(f, n);
    for (const n of new Set([...this.entries.values(), ...survivors.values()])) {
      const data = Buffer.from(n.durable);
      let out = data;
      for (const w of n.unsynced) {
        if (mode === "drop-unsynced") continue;
        const end = w.offset + w.length;
        if (end > out.length) out = Buffer.concat([out, Buffer.alloc(end - out.length)]);
        for (let s = Math.floor(w.offset / SECTOR) * SECTOR; s < end; s += SECTOR) {
          if (mode === "tear" && rng.next() < 0.5) continue;
          const a = Math.max(s, w.offset);
          const b = Math.min(s + SECTOR, end);
          n.data.copy(out, a, a, b);
        }
      }
      n.data = out;
      n.durable = Buffer.from(out);
      n.unsynced = [];
    }
    this.entries = new Map(survivors);
  }

  private turn(): Promise<void> {
    return this.o.slow ? new Promise((r) => setImmediate(r)) : Promise.resolve();
  }

  /** Flip the bits of `mask` in the byte at `offset` of `file` (already durable: disk damage). */
  flip(file: string, offset: number, mask = 0xff): void {
    const n = this.inode(file);
    n.data[offset]! ^= mask;
    n.durable[offset]! ^= mask;
  }

  /** Replace a file's content outright (durable), e.g. truncated or zeroed. */
  image(file: string, data: Buffer): void {
    const n = this.inode(file);
    n.data = Buffer.from(data);
    n.durable = Buffer.from(data);
    n.unsynced = [];
  }

  private inode(file: string): Inode {
    const n = this.entries.get(path.resolve(file));
    if (!n) throw errno("ENOENT", `no such file: ${file}`);
    return n;
  }
}

function sync(n: Inode): void {
  if (n.durable.length < n.data.length) n.durable = Buffer.concat([n.durable, Buffer.alloc(n.data.length - n.durable.length)]);
  for (const w of n.unsynced) n.data.copy(n.durable, w.offset, w.offset, w.offset + w.length);
  n.unsynced = [];
}

export function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}
