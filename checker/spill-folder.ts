// Where a run writes what does not fit its memory (the queue's chunks, the edges): folders
// inside one folder per process, which its worker threads share (they have the process's id).
// Each structure removes its own folder when it is disposed, and the process's folder once it is
// empty; a process killed before that leaves its folder behind, and the next run removes the
// folders of processes that are gone.
import { mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PROCESS_FOLDER = /^synod-(\d+)$/;
const folderOf = (pid: number): string => join(tmpdir(), `synod-${pid}`);

/** A new empty folder for one structure's files, named `prefix` and a random suffix. */
export function spillFolder(prefix: string): string {
  const parent = folderOf(process.pid);
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, prefix));
}

/** Removes a structure's folder made by spillFolder, and this process's folder with it once that is empty. */
export function removeSpillFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  removeSpillFolderIfEmpty();
}

/** Removes this process's folder if every structure removed its own (another run in the process may still be writing). */
export function removeSpillFolderIfEmpty(): void {
  try {
    rmdirSync(folderOf(process.pid));
  } catch {
    // Absent, or still in use.
  }
}

/** Removes the spill folders of processes that no longer run; returns how many. */
export function removeStaleSpillFolders(): number {
  let removed = 0;
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(PROCESS_FOLDER.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || running(pid)) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
