// The effects of `synod review`, kept thin: a git worktree of a revision, installed with
// `npm ci` from its own lockfile, and `synod verify --json` run in it (or in the working tree).
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";

export type Revision = { readonly label: string; readonly dir: string; remove(): Promise<void> };

type Run = { readonly code: number; readonly stdout: string; readonly stderr: string };

/** Runs a command; stdout is kept, stderr is kept and also passed on to ours when `echo`. */
export function run(cmd: string, args: readonly string[], cwd: string, echo = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => {
      err.push(b);
      if (echo) process.stderr.write(b);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

async function git(args: readonly string[], cwd: string): Promise<string> {
  const r = await run("git", args, cwd);
  if (r.code !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr.trim() || `exit ${r.code}`}`);
  return r.stdout.trim();
}

export const repoRoot = (cwd: string) => git(["rev-parse", "--show-toplevel"], cwd);

/** The commit a ref names, or an Error that says the ref is not a revision here. */
export async function resolveRef(repo: string, ref: string): Promise<string> {
  try {
    return await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], repo);
  } catch {
    throw new Error(`'${ref}' is not a revision of the repository at ${repo}`);
  }
}

/** The working tree as it is, changes included, with the node_modules it has. */
export async function workingTree(repo: string): Promise<Revision> {
  const head = await git(["rev-parse", "--short", "HEAD"], repo);
  const dirty = (await git(["status", "--porcelain", "--untracked-files=no"], repo)) !== "";
  return { label: `the working tree (${head}${dirty ? " + uncommitted changes" : ""})`, dir: repo, remove: async () => {} };
}

/** A detached worktree of `ref` in a fresh temp directory, installed with `npm ci` from its own lockfile. */
export async function checkoutRevision(repo: string, ref: string, log: (line: string) => void): Promise<Revision> {
  const commit = await resolveRef(repo, ref);
  const parent = await mkdtemp(path.join(tmpdir(), "synod-review-"));
  const dir = path.join(parent, commit.slice(0, 12));
  const remove = async () => {
    await run("git", ["worktree", "remove", "--force", dir], repo);
    await rm(parent, { recursive: true, force: true });
  };
  try {
    await git(["worktree", "add", "--detach", dir, commit], repo);
    log(`synod review: ${ref} (${commit.slice(0, 7)}) checked out in ${dir}; npm ci`);
    const ci = await run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], dir);
    if (ci.code !== 0) throw new Error(`npm ci in the worktree of ${ref} failed (exit ${ci.code}): ${ci.stderr.trim().split("\n").slice(-3).join(" / ")}`);
  } catch (err) {
    await remove();
    throw err;
  }
  return { label: `${ref} (${commit.slice(0, 7)})`, dir, remove };
}

/** `synod verify --json` in a revision; its JSON report as text. Exit 0 and 1 both carry a report. */
export async function verifyJson(rev: Revision, only: readonly string[] | undefined): Promise<string> {
  const tsx = path.join(rev.dir, "node_modules", ".bin", "tsx");
  const r = await run(tsx, ["cli/main.ts", "verify", "--json", ...(only ? ["--only", only.join(",")] : [])], rev.dir, true);
  if (r.code !== 0 && r.code !== 1) throw new Error(`synod verify in ${rev.label} exited ${r.code}: ${r.stderr.trim().split("\n").slice(-3).join(" / ")}`);
  return r.stdout;
}
