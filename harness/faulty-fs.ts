// A FileSystem that fails on purpose, around any other (the simulated disk or the real one):
// short writes, a disk that fills up (ENOSPC), fsyncs that fail (EIO), and operations that
// never settle (a hung mount). The faults are fields a test sets while the system runs.
import type { DirLock, FileHandle, FileSystem } from "../impl/ports/file-system.ts";
import { errno } from "./sim-disk.ts";

type Op = "mkdirp" | "list" | "readFile" | "open" | "rename" | "remove" | "syncDir" | "lock";

export class FaultyFs implements FileSystem {
  /** At most this many bytes per write call (a short write), or no limit. */
  shortWrites: number | null = null;
  /** Bytes that may still be written before writes fail with ENOSPC, or no limit. */
  spaceLeft: number | null = null;
  /** fsyncs (data or directory) that may still succeed before they fail with EIO, or no limit. */
  syncsLeft: number | null = null;
  /** Operations that never settle. */
  readonly hang = new Set<Op>();
  writes = 0;
  syncs = 0;

  constructor(private readonly inner: FileSystem) {}

  mkdirp(dir: string) {
    return this.gate("mkdirp", () => this.inner.mkdirp(dir));
  }
  list(dir: string) {
    return this.gate("list", () => this.inner.list(dir));
  }
  readFile(file: string) {
    return this.gate("readFile", () => this.inner.readFile(file));
  }
  rename(from: string, to: string) {
    return this.gate("rename", () => this.inner.rename(from, to));
  }
  remove(file: string) {
    return this.gate("remove", () => this.inner.remove(file));
  }
  syncDir(dir: string) {
    return this.gate("syncDir", async () => (this.spendSync(), this.inner.syncDir(dir)));
  }
  lock(dir: string): Promise<DirLock> {
    return this.gate("lock", () => this.inner.lock(dir));
  }

  open(file: string, how: "create" | "existing"): Promise<FileHandle> {
    return this.gate("open", async () => {
      const h = await this.inner.open(file, how);
      return {
        write: async (bytes, position) => {
          this.writes++;
          let n = bytes.length;
          if (this.shortWrites !== null) n = Math.min(n, this.shortWrites);
          if (this.spaceLeft !== null) {
            if (this.spaceLeft <= 0) throw errno("ENOSPC", "no space left on device, write");
            n = Math.min(n, this.spaceLeft);
            this.spaceLeft -= n;
          }
          return h.write(bytes.subarray(0, n), position);
        },
        datasync: async () => {
          this.spendSync();
          await h.datasync();
        },
        close: () => h.close(),
      };
    });
  }

  private spendSync(): void {
    this.syncs++;
    if (this.syncsLeft === null) return;
    if (this.syncsLeft <= 0) throw errno("EIO", "input/output error, fsync");
    this.syncsLeft--;
  }

  private gate<T>(op: Op, f: () => Promise<T>): Promise<T> {
    return this.hang.has(op) ? new Promise<T>(() => {}) : f();
  }
}
