// synod check --liveness on seed 004's scheme 1, then synod replay of the lasso it saved: the
// verdict lines, the cycle marked in both, the lasso reproduced (exit 1); a trace cut before its
// cycle closes is not reproduced.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { command as check } from "../../cli/commands/check.ts";
import { command as replay } from "../../cli/commands/replay.ts";
import { runCommand, type Captured } from "./capture.ts";

const dir = mkdtempSync(join(tmpdir(), "synod-lasso-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tracePath = join(dir, "lasso.json");
let checked: Captured;

beforeAll(async () => {
  checked = await runCommand(check, ["--model", "derivation-lock", "--liveness", "--trace-out", tracePath]);
});

describe("a liveness lasso from synod check to synod replay", () => {
  it("check prints each property's verdict, marks the cycle and exits 1", () => {
    expect(checked.code).toBe(1);
    expect(checked.out).toContain("liveness: eventually-chosen VIOLATED: a fair run of 7 steps (cycle of 3 from step 5) never reaches it");
    expect(checked.out).toMatch(/4\. crash p1\n.*\n.*\n\s+---- the cycle: the steps below repeat for ever ----\n\s+5\. deliver prepare\(\) p2->a1/);
    expect(JSON.parse(readFileSync(tracePath, "utf8")).cycleStart).toBe(4);
  });

  it("replay reproduces the lasso with its cycle marked", async () => {
    const { code, out } = await runCommand(replay, [tracePath]);
    expect(code).toBe(1);
    expect(out).toContain("  4. crash p1\n     ---- the cycle: the steps below repeat for ever ----\n  5. deliver prepare() p2->a1");
    expect(out).toContain("reproduced: the lasso closes, and eventually-chosen holds in none of its states");
  });

  it("a lasso cut short does not close, and is not reproduced", async () => {
    const trace = JSON.parse(readFileSync(tracePath, "utf8"));
    const cut = join(dir, "cut.json");
    writeFileSync(cut, JSON.stringify({ ...trace, steps: trace.steps.slice(0, -1) }));
    const { code, out } = await runCommand(replay, [cut]);
    expect(code).toBe(0);
    expect(out).toContain("not reproduced: the last state is not the state where the cycle starts");
  });
});

describe("liveness verdicts in reports", () => {
  it("--json lists each property's verdict; --junit fails a bounded run with its reason", async () => {
    const junit = join(dir, "bounded.xml");
    const { code, out } = await runCommand(check, ["--acceptors", "1", "--losses", "0", "--liveness", "--json", "--junit", junit]);
    expect(code).toBe(4);
    const report = JSON.parse(out);
    expect(report.verdict).toBe("bounded");
    expect(report.liveness.map((l: { id: string; verdict: string; length: number }) => [l.id, l.verdict, l.length])).toEqual([
      ["eventually-chosen", "bounded", 2],
      ["eventually-learned", "bounded", 2],
    ]);
    expect(readFileSync(junit, "utf8")).toMatch(/<failure message="bounded: eventually-chosen: .*used its 1 retry/);
  });
});

describe("a lasso up to a renaming of ballots, from synod check to synod replay", () => {
  it("check names the renaming, replay closes the cycle up to it, and a trace that drops it does not close", async () => {
    const path = join(dir, "duel.json");
    const checkedDuel = await runCommand(check, ["--acceptors", "2", "--retries", "2", "--losses", "0", "--no-duplication", "--stuck-timeouts", "--liveness", "--trace-out", path]);
    expect(checkedDuel.code).toBe(1);
    expect(checkedDuel.out).toContain("liveness: eventually-chosen VIOLATED: a fair run of 12 steps (cycle of 8 from step 5, ballots renamed on each turn: round 1→2) never reaches it");
    const trace = JSON.parse(readFileSync(path, "utf8"));
    expect([trace.cycleStart, trace.cycleRenamed]).toEqual([4, "round 1→2"]);
    const replayed = await runCommand(replay, [path]);
    expect(replayed.code).toBe(1);
    expect(replayed.out).toContain("     ---- the cycle: the steps below repeat for ever, each turn with its ballots renamed (round 1→2) ----\n  5. deliver Prepare(b=1.p1) p1->a2");
    expect(replayed.out).toContain("reproduced: the lasso closes, and eventually-chosen holds in none of its states");
    const concrete = join(dir, "duel-concrete.json");
    const { cycleRenamed: _renamed, ...rest } = trace;
    writeFileSync(concrete, JSON.stringify(rest));
    const notClosed = await runCommand(replay, [concrete]);
    expect(notClosed.code).toBe(0);
    expect(notClosed.out).toContain("not reproduced: the last state is not the state where the cycle starts");
  });
});
