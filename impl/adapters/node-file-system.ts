// The FileSystem port on node:fs: what a real node's write-ahead log runs on.
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { FileHandle, FileSystem } from "../ports/file-system.ts";
import { lockDir } from "./dir-lock.ts";

const missing = (e: unknown) => (e as NodeJS.ErrnoException).code === "ENOENT";

/**
 * mkdir -p, one level at a time. Node's own recursive mkdir never settles on some paths (under
 * /proc it retries for ever, spinning a thread), so it is not used.
 */
async function mkdirp(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST" && (await fs.stat(dir)).isDirectory()) return;
    if (code !== "ENOENT" || path.dirname(dir) === dir) throw e;
    await mkdirp(path.dirname(dir));
    await fs.mkdir(dir).catch(async (e2: NodeJS.ErrnoException) => {
      if (!(e2.code === "EEXIST" && (await fs.stat(dir)).isDirectory())) throw e2;
    });
  }
}

export const nodeFileSystem: FileSystem = {
  mkdirp: (dir) => mkdirp(path.resolve(dir)),
  async list(dir) {
    return fs.readdir(dir).catch((e) => (missing(e) ? null : Promise.reject(e)));
  },
  async readFile(file) {
    return fs.readFile(file).catch((e) => (missing(e) ? null : Promise.reject(e)));
  },
  async open(file, how) {
    const h = await fs.open(file, how === "create" ? "wx+" : "r+");
    const handle: FileHandle = {
      write: async (bytes, position) => (await h.write(bytes, 0, bytes.length, position)).bytesWritten,
      datasync: () => h.datasync(),
      close: () => h.close(),
    };
    return handle;
  },
  rename: (from, to) => fs.rename(from, to),
  remove: (file) => fs.rm(file, { force: true }),
  async syncDir(dir) {
    const h = await fs.open(dir, "r");
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  },
  lock: lockDir,
};
