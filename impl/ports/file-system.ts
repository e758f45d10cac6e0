// The file operations the write-ahead log needs, as a port: the real file system in
// production (adapters/node-file-system.ts), a simulated disk with injected faults in the
// harness (short writes, ENOSPC, EIO on fsync, bit flips, torn writes at a crash).

export interface FileHandle {
  /**
   * Write `bytes` at `position`. May write fewer bytes than asked (a short write): resolves
   * with how many it wrote; the caller writes the rest.
   */
  write(bytes: Uint8Array, position: number): Promise<number>;
  /** Make the file's data durable (fdatasync). */
  datasync(): Promise<void>;
  close(): Promise<void>;
}

/** Released when the holder is done; a second holder of the same directory is refused. */
export type DirLock = { release(): Promise<void> };

export interface FileSystem {
  /** Create the directory and its parents; no error if it exists. */
  mkdirp(dir: string): Promise<void>;
  /** Names of the entries of `dir`; null if it does not exist. */
  list(dir: string): Promise<string[] | null>;
  /** The whole file; null if it does not exist. */
  readFile(file: string): Promise<Buffer | null>;
  /** Open for writing: "create" makes a new file and fails if one exists; "existing" opens one. */
  open(file: string, how: "create" | "existing"): Promise<FileHandle>;
  rename(from: string, to: string): Promise<void>;
  remove(file: string): Promise<void>;
  /** Make the directory's entries (creations, renames, removals) durable. */
  syncDir(dir: string): Promise<void>;
  /** An exclusive lock on a data directory, held until released or the process dies. */
  lock(dir: string): Promise<DirLock>;
}
