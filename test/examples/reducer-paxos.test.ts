// examples/reducer-paxos, checked in-process: every planted bug caught (which invariant, at which
// shrunk length), every correct and safe mode passing 1,000 generated schedules with values chosen
// in some of them, and the look-alikes' differences seen to happen in those runs.
import { describe, expect, it } from "vitest";
import { reducerTarget } from "../../examples/reducer-paxos/target.ts";
import { MODES } from "../../examples/reducer-paxos/paxos.ts";
import { checkTarget } from "../../target/property.ts";
import { exploreTarget } from "../../target/explore.ts";
import { parseTargetConfig } from "../../target/config.ts";
import { compareBallots } from "../../protocol/ballot.ts";
import { validateRun } from "../../tracecheck/target-log.ts";
import { BUDGET, CONFIG, QUIET, caught, counting, drive, trace } from "./support.ts";

const run = { config: CONFIG, seed: 1 };

describe("reducer-paxos: each planted bug is caught by the model-based search", () => {
  // Pinned as observed with BUDGET (seed 1, 60 steps): a change of the search or of the example shows here.
  const bugs = [
    { mode: "first-vote", whiteBox: false, properties: ["accept-takes-highest-vote"], steps: 20 },
    { mode: "round-only", whiteBox: false, properties: ["vote-below-promise", "promise-reports-truthfully"], steps: 8 },
    { mode: "learner-mixes-ballots", whiteBox: false, properties: ["learned-is-chosen"], steps: 25 },
    { mode: "forgetful-acceptor", whiteBox: false, properties: ["promises-never-decrease"], steps: 14 },
    { mode: "forgetful-acceptor", whiteBox: true, properties: ["promises-never-decrease"], steps: 4 },
  ] as const;
  for (const b of bugs) {
    it(`${b.mode}${b.whiteBox ? " (white box)" : ""}: ${b.properties.join(" + ")} in ${b.steps} steps`, async () => {
      const r = await checkTarget(reducerTarget({ mode: b.mode, whiteBox: b.whiteBox }), run, BUDGET);
      expect(r.passed).toBe(false);
      expect(caught(r), trace(r)).toEqual({ properties: b.properties, steps: b.steps, fault: null });
    });
  }
});

describe("reducer-paxos: each correct or safe mode passes 1,000 schedules, choosing values", () => {
  /** What shows the look-alike's difference at work in a run; null for the correct mode. */
  const differences = {
    correct: null,
    nacks: (e: { kind: string; meaning: { type: string } }) => e.kind === "deliver" && e.meaning.type === "nack",
    "ignore-old-p2b": (e: Parameters<Parameters<typeof counting>[1]>[0], memory: Map<string, unknown>) => {
      if (e.kind !== "deliver" || e.meaning.type !== "accepted") return false;
      const high = memory.get(e.to) as Parameters<typeof compareBallots>[0] | undefined;
      if (high && compareBallots(e.meaning.ballot, high) < 0) return true;
      memory.set(e.to, e.meaning.ballot);
      return false;
    },
    "p2a-to-all": (e: Parameters<Parameters<typeof counting>[1]>[0], memory: Map<string, unknown>) => {
      const key = (acceptor: string, ballot: unknown) => `${acceptor}|${JSON.stringify(ballot)}`;
      if (e.kind === "sent" && e.meaning.type === "promise") memory.set(key(e.from, e.meaning.ballot), true);
      return e.kind === "sent" && e.meaning.type === "accept" && !memory.has(key(e.to, e.meaning.ballot));
    },
  } as const;
  for (const [mode, difference] of Object.entries(differences)) {
    for (const whiteBox of mode === "correct" ? [false, true] : [false]) {
      it(`${mode}${whiteBox ? " (white box)" : ""}`, async () => {
        const t = counting(reducerTarget({ mode, whiteBox }), difference ?? (() => false));
        const r = await checkTarget(t.target, run, BUDGET);
        expect(r.passed, trace(r)).toBe(true);
        expect(r.runs).toBe(BUDGET.runs);
        expect(r.runsChoosing).toBeGreaterThan(0);
        if (difference) expect(t.count()).toBeGreaterThan(0);
      });
    }
  }

  it("every mode of paxos.ts is tested here", () => {
    expect(Object.keys(MODES).sort()).toEqual(["correct", "first-vote", "forgetful-acceptor", "ignore-old-p2b", "learner-mixes-ballots", "nacks", "p2a-to-all", "round-only"]);
  });
});

describe("reducer-paxos: bounded exploration", () => {
  it("finds round-only's shortest run (8 steps) with no faults", async () => {
    const r = await exploreTarget(reducerTarget({ mode: "round-only" }), { config: parseTargetConfig(QUIET), seed: 1, depth: 8 });
    expect(caught(r), trace(r)).toEqual({ properties: ["vote-below-promise", "promise-reports-truthfully"], steps: 8, fault: null });
  });

  it("finds the forgetful acceptor at its restart when it is white box (4 steps), at its first lower Promise when black box (6)", async () => {
    const config = parseTargetConfig({ ...QUIET, acceptorCrashes: 1 });
    const white = await exploreTarget(reducerTarget({ mode: "forgetful-acceptor", whiteBox: true }), { config, seed: 1, depth: 4 });
    expect(caught(white), trace(white)).toEqual({ properties: ["promises-never-decrease"], steps: 4, fault: null });
    const black = await exploreTarget(reducerTarget({ mode: "forgetful-acceptor" }), { config, seed: 1, depth: 10 });
    expect(caught(black), trace(black)).toEqual({ properties: ["promises-never-decrease"], steps: 6, fault: null });
  });
});

describe("reducer-paxos: trace validation of whole runs (judgeRun: validateRun)", () => {
  // The look-alikes too, at 1,000 schedules, in examples.deep.test.ts.
  for (const mode of ["correct"]) {
    it(`${mode} passes`, async () => {
      const r = await checkTarget(reducerTarget({ mode }), { ...run, judgeRun: validateRun }, BUDGET);
      expect(r.passed, trace(r)).toBe(true);
      expect(r.runsChoosing).toBeGreaterThan(0);
    });
  }
});

describe("reducer-paxos: first-vote's shortest run, by hand", () => {
  // 17 steps: a1 votes A in 1.p1, a2 votes B in 1.p2, then p1's second ballot hears a1's P1b
  // first, adopts A and proposes it over B. The random search finds longer runs of this shape,
  // and only when its schedules are long enough (README.md).
  const schedule = [
    "p1 proposes",
    "p1->a1 prepare 1.p1",
    "p1->a2 prepare 1.p1",
    "a1->p1 promise 1.p1",
    "a2->p1 promise 1.p1",
    "p1->a1 accept 1.p1 A",
    "p2 proposes",
    "p2->a2 prepare 1.p2",
    "p2->a3 prepare 1.p2",
    "a2->p2 promise 1.p2",
    "a3->p2 promise 1.p2",
    "p2->a2 accept 1.p2 B",
    "p1 times out",
    "p1->a1 prepare 2.p1",
    "p1->a2 prepare 2.p1",
    "a1->p1 promise 2.p1 reporting (1.p1, A)",
    "a2->p1 promise 2.p1 reporting (1.p2, B)",
  ];

  it("breaks accept-takes-highest-vote at the 17th step, where p1 sends Accept(2.p1, A)", async () => {
    const steps = await drive(reducerTarget({ mode: "first-vote" }), { ...QUIET, retries: 1 }, schedule);
    expect(steps.length).toBe(17);
    expect(steps.slice(0, -1).every((s) => s.ok)).toBe(true);
    expect(steps.at(-1)!.sent).toEqual(["#22 p1->a1 accept 2.p1 A (P2a 2/p1 A)", "#23 p1->a2 accept 2.p1 A (P2a 2/p1 A)"]);
    expect([...new Set(steps.at(-1)!.broken.map((b) => b.property))]).toEqual(["accept-takes-highest-vote"]);
  });

  it("the correct mode takes B there, the highest vote, and a1's vote for it is safe", async () => {
    const steps = await drive(reducerTarget({ mode: "correct" }), { ...QUIET, retries: 1 }, [...schedule, "p1->a1 accept 2.p1 B"]);
    expect(steps.length).toBe(18);
    expect(steps.every((s) => s.ok)).toBe(true);
  });
});

describe("reducer-paxos: the adapter", () => {
  it("refuses an unknown mode, naming the modes", () => {
    expect(() => reducerTarget({ mode: "nope" })).toThrow(/no mode 'nope'; modes: correct, first-vote/);
  });

  it("declares separate learners, and its learners are the ones that learn", async () => {
    const t = reducerTarget();
    expect(t.capabilities.learners).toBe("separate");
    const steps = await drive(t, QUIET, ["p1 proposes", "p1->a1 prepare", "p1->a2 prepare", "a1->p1 promise", "a2->p1 promise", "p1->a1 accept", "p1->a2 accept", "a1->l1 accepted", "a2->l1 accepted"]);
    expect(steps.every((s) => s.ok)).toBe(true);
    expect(steps.at(-1)!.learned).toEqual([{ node: "l1", value: "A" }]);
  });
});
