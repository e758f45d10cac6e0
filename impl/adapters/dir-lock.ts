// An exclusive lock on a data directory, so that two `synod serve` processes never share one
// write-ahead log. Node has no flock(2); a Linux abstract-namespace Unix socket named after the
// directory's device and inode does the same job: binding it is atomic, only one process can
// hold the name, and the kernel releases it when the holder exits, kill -9 included, so no
// stale lock file is ever left behind. Elsewhere (no abstract namespace) a socket file in the
// directory stands in; a stale one is detected by a refused connection and replaced.
import { createHash } from "node:crypto";
import * as net from "node:net";
import { stat, unlink } from "node:fs/promises";
import * as path from "node:path";
import type { DirLock } from "../ports/file-system.ts";

export class DirLockedError extends Error {
  override readonly name = "DirLockedError";
  constructor(readonly dir: string) {
    super(`data directory ${dir} is in use by another synod process (two nodes must never share one log)`);
  }
}

export async function lockDir(dir: string): Promise<DirLock> {
  const st = await stat(dir);
  const name = createHash("sha256").update(`${st.dev}:${st.ino}`).digest("hex").slice(0, 40);
  if (process.platform === "linux") return bind(`\0synod-lock-${name}`, dir);
  const file = path.join(dir, "synod.lock");
  try {
    return await bind(file, dir);
  } catch (e) {
    if (!(e instanceof DirLockedError) || (await isLive(file))) throw e;
    await unlink(file).catch(() => {});
    return bind(file, dir);
  }
}

function bind(address: string, dir: string): Promise<DirLock> {
  const server = net.createServer((s) => s.destroy());
  return new Promise((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => reject(e.code === "EADDRINUSE" ? new DirLockedError(dir) : e));
    server.listen(address, () => {
      server.unref();
      resolve({ release: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}

function isLive(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(file);
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}
