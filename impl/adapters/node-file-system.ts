// The FileSystem port on node:fs: what a real node's write-ahead log runs on.
import { promises as fs } from "node:fs";
import type { FileHandle, FileSystem } from "../ports/file-system.ts";
import { lockDir } from "./dir-lock.ts";

const missing = (e: unknown) => (e as NodeJS.ErrnoException).code === "ENOENT";

export const nodeFileSystem: FileSystem = {
  async mkdirp(dir) {
    await fs.mkdir(dir, { recursive: true });
  },
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
