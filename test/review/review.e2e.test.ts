// The bar of `synod review` end to end (slow: two verify runs per review; `npm run test:review`,
// not `npm test`). A copy of this repository (the working tree as it is) becomes a git repo
// with one commit; a catalogue bug goes in as a second commit (the implementation's acceptor
// promises a ballot equal to its promise again: promise-off-by-one); `synod review --base`
// the first commit must exit 1 naming the stage and the variant that regress. Back on the
// first commit, unchanged, the review exits 0.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = path.resolve(import.meta.dirname, "../..");
let copy: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: copy, encoding: "utf8" });
const review = (...args: string[]) => spawnSync(path.join(repo, "node_modules/.bin/tsx"), ["cli/main.ts", "review", ...args], { cwd: copy, encoding: "utf8", timeout: 600_000 });

beforeAll(() => {
  copy = mkdtempSync(path.join(tmpdir(), "synod-review-bar-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repo, encoding: "utf8" }).split("\0").filter(Boolean);
  for (const f of files) {
    mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
    try {
      cpSync(path.join(repo, f), path.join(copy, f));
    } catch {
      // listed by git but deleted in the working tree
    }
  }
  // The head runs in place with this repository's packages (same lockfile); the base gets npm ci.
  symlinkSync(path.join(repo, "node_modules"), path.join(copy, "node_modules"));
  git("init", "-q", "-b", "main");
  writeFileSync(path.join(copy, ".git/info/exclude"), "node_modules\n");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base");
  const acceptor = path.join(copy, "impl/core/acceptor.ts");
  const code = readFileSync(acceptor, "utf8");
  const bug = code.replace("if (!rules.promiseAllowed(m.ballot, slot.promised))", "if (!rules.acceptAllowed(m.ballot, slot.promised))");
  expect(bug).not.toBe(code);
  writeFileSync(acceptor, bug);
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "acceptor: promise a ballot equal to the promise (promise-off-by-one)");
});

afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe("synod review on a copy of this repository", () => {
  it("exits 1 on a commit that brings a catalogue bug into impl/, naming the stage and the variant first", { timeout: 600_000 }, () => {
    const r = review("--base", "HEAD~1", "--only", "model-based", "--markdown", "review.md");
    expect(r.status, r.stderr).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^synod review: REGRESSION: the head regresses/);
    // The reasons come right after the headline: the correct implementation now diverges, on both storages.
    const reasons = lines.slice(1, lines.findIndex((l) => l.startsWith("base ")));
    expect(reasons).toContainEqual(expect.stringMatching(/^ {2}model-based: lockstep correct \(memory\): passed on base, fails on head: FAILED after \d+ schedules: divergence/));
    expect(reasons).toContainEqual(expect.stringMatching(/^ {2}model-based: lockstep correct \(file\): passed on base, fails on head/));
    expect(lines).toContain("  model-based        PASS -> FAIL");
    expect(r.stdout).toMatch(/new counterexamples on the head:\n {2}model-based: lockstep correct \(memory\): model-and-implementation-agree, \d+ steps/);
    expect(readFileSync(path.join(copy, "review.md"), "utf8")).toMatch(/## Synod review: the head REGRESSES[\s\S]*### Regressions\n\n- model-based: lockstep correct \(memory\): passed on base, fails on head/);
  });

  it("exits 0 on an unchanged head", { timeout: 600_000 }, () => {
    git("checkout", "-q", "HEAD~1");
    const r = review("--base", "main~1", "--only", "model-based");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("synod review: no regression: the head keeps every check, catch, witness and covered branch of the base");
    expect(r.stdout).toContain("  model-based        PASS -> PASS");
    expect(r.stdout).toMatch(/model-based: impl promise-off-by-one: caught by divergence, \d+ runs, \d+ steps -> caught by divergence, \d+ runs, \d+ steps\n/);
  });
});
