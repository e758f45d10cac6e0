// The log fixtures of test/validate-trace/fixtures/, as another team's implementation would write
// them: a separate learner role, bare integer ballots shared by proposers, ballots with an owner,
// Promises that leave the vote out, crashes and restarts. Each rule has a log that is a behaviour
// (accepted) and a log with the bug the rule is for (rejected at the file, line and event, with why).
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { command } from "../../cli/commands/validate-trace.ts";
import { runCommand } from "../cli/capture.ts";

const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);
const ACCEPTORS = ["--acceptors", "a1,a2,a3"];

async function validate(file: string, flags: string[] = ACCEPTORS) {
  const r = await runCommand(command, ["--json", ...flags, file]);
  expect(r.err).toBe("");
  return { code: r.code, json: JSON.parse(r.out) as { verdict: string; learners: string[]; keys: { learned: { learner: string; value: string }[] }[]; rejection: unknown } };
}

/** The log is a behaviour of the model: exit 0, every learner learned `value`. */
async function accepted(file: string, value: string, flags?: string[]) {
  const { code, json } = await validate(file, flags);
  expect(json.rejection).toBeNull();
  expect(code).toBe(0);
  expect(json.keys[0]!.learned.every((l) => l.value === value)).toBe(true);
  return json;
}

/** The log is rejected at `file` line `line`, on the event described so, for `reason`. */
async function rejected(file: string, line: number, description: string, reason: string, flags?: string[]) {
  const { code, json } = await validate(file, flags);
  expect(json.rejection).toEqual(expect.objectContaining({ file, line, description, reason }));
  expect(code).toBe(1);
}

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(path.join(tmpdir(), "synod-vt-fixtures-"))));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A copy of a fixture with its lines edited (0-based), written to the temp dir. */
async function edited(name: string, edit: (lines: string[]) => string[]): Promise<string> {
  const lines = (await readFile(fixture(name), "utf8")).split("\n").filter((l) => l !== "");
  const file = path.join(dir, name);
  await writeFile(file, edit(lines).join("\n") + "\n");
  return file;
}
const line = (e: object) => JSON.stringify(e);

describe("a separate learner role", () => {
  it("accepts Accepted sent to learners besides the proposer, and a learner that learns from a quorum of one ballot", async () => {
    const json = await accepted(fixture("learners.trace"), "A");
    expect(json.learners).toEqual(["l1"]); // inferred: it received Accepted of a ballot it did not start
    expect(json.keys[0]!.learned.map((l) => l.learner).sort()).toEqual(["l1", "p1"]);
    // Named with --learners, a learner without a log is fine: Accepted sent to it is lost.
    expect((await validate(fixture("learners.trace"), [...ACCEPTORS, "--learners", "l1,l2"])).code).toBe(0);
  });

  it("rejects Accepted sent to a node that is neither the ballot's proposer nor a learner", async () => {
    await rejected(
      fixture("learners.trace"),
      11,
      "a1 voted A in ballot 1.p1 and sent Accepted to l1",
      "a1 sent Accepted for ballot 1.p1 to l1, which is neither the ballot's proposer p1 nor a learner (learners: l2; name them with --learners)",
      [...ACCEPTORS, "--learners", "l2"],
    );
  });

  it("rejects a learner that counts Accepted of two ballots as one quorum", async () => {
    const file = fixture("learner-mixes-ballots.trace");
    await rejected(file, 19, "l1 learned A (ballot 2.p2)", "l1 learned A in ballot 2.p2 with Accepted from only a2: no quorum (2 of 3)");
  });
});

describe("bare integer ballots shared by proposers", () => {
  it("accepts two proposers starting the same ballot, in every ballot shape, when one value is proposed in it", async () => {
    const json = await accepted(fixture("shared-ballots.trace"), "A");
    expect(json.keys[0]!.learned.map((l) => l.learner)).toEqual(["p1", "p2"]);
  });

  it("rejects two values in one ballot, naming both and the ballot", async () => {
    const file = fixture("shared-ballot-two-values.trace");
    await rejected(file, 16, "p2 sent Accept(b=1, v=B) to a1", "p2 proposed B in ballot 1, in which p1 proposed A: two values in one ballot");
  });

  it("accepts an acceptor sending the same Promise again, but not after it voted in that ballot", async () => {
    // a1 answers p2's Prepare of ballot 1 after voting A in it: no longer the same Promise.
    const file = await edited("shared-ballots.trace", (ls) => [...ls.slice(0, 16), line({ event: "promise-sent", node: "a1", key: "k", to: "p2", ballot: 1, voted: { ballot: 1, value: "A" } }), ...ls.slice(16)]);
    await rejected(file, 17, "a1 sent Promise(b=1, voted=(1, A)) to p2", "a1 promised ballot 1 after promising 1: an acceptor promises only ballots above its promise");
  });

  it("stops when no log shows a Prepare or Accept of a ballot nobody owns (its proposer's log is missing)", async () => {
    const file = await edited("shared-ballots.trace", (ls) => ls.filter((l) => !l.includes('"node":"p2"')));
    const r = await runCommand(command, [...ACCEPTORS, file]);
    expect(r.code).toBe(2);
    // The Nack went to p2: the proposer a reply goes to must have a log.
    expect(r.err).toContain(`${file} line 6 names ballot 1, but the logs hold no event of its proposer p2: give every node's log`);
    const vote = path.join(dir, "vote-only.trace");
    await writeFile(vote, line({ event: "vote-cast", node: "a1", key: "k", to: "p1", ballot: 7, value: "A" }) + "\n");
    const v = await runCommand(command, [...ACCEPTORS, vote]);
    expect(v.code).toBe(2);
    expect(v.err).toContain(`${vote} line 1 names ballot 7, which nobody owns, but no log shows a Prepare or Accept of it for key k: give every proposer's log`);
  });
});

describe("a Promise that leaves the vote out", () => {
  it("accepts a proposer taking a value the unreported vote may hold", async () => {
    await accepted(fixture("vote-not-reported.trace"), "A");
  });

  it("still catches an unsafe value through the invariants on votes (agreement on chosen)", async () => {
    const file = fixture("vote-not-reported-unsafe.trace");
    await rejected(
      file,
      23,
      "a3 voted B in ballot 2.p2 and sent Accepted to p2",
      "a3 voted B in ballot 2.p2, but B is not safe there: no quorum rules out another value in ballot 1.p1 (invariant votes-are-safe)",
    );
  });

  it("still checks the proposer's value against the votes that are reported", async () => {
    const file = fixture("vote-partly-reported.trace");
    await rejected(
      file,
      20,
      "p2 sent Accept(b=2.p2, v=B) to a1",
      "p2 proposed B in ballot 2.p2, which no quorum of its Promises (a1: (1.p1, A), a3: not reported; its input B) leads to: a proposer takes the highest vote reported, or its own value if none",
    );
  });

  it("still checks the acceptor's rules: a Promise below its promise, vote reported or not", async () => {
    // a3 (promised 2.p2) promises 1.p1 too, its vote left out.
    const file = await edited("vote-not-reported.trace", (ls) => [...ls.slice(0, 19), line({ event: "promise-sent", node: "a3", key: "k", to: "p1", ballot: { round: 1, owner: "p1" } }), ...ls.slice(19)]);
    await rejected(file, 20, "a3 sent Promise(b=1.p1, voted=not reported) to p1", "a3 promised ballot 1.p1 after promising 2.p2: an acceptor promises only ballots above its promise");
  });
});

describe("crashes and restarts", () => {
  it("accepts an acceptor that keeps its vote across a restart and a proposer that starts a higher ballot after one", async () => {
    await accepted(fixture("restarts.trace"), "A");
  });

  it("rejects a durable acceptor that reports less after a restart: its vote forgotten", async () => {
    await rejected(
      fixture("restart-forgets-vote.trace"),
      15,
      "a1 sent Promise(b=2.p1, voted=none) to p1",
      "a1's Promise for ballot 2.p1 reports vote none, but a1 had voted (1.p1, A): a Promise reports the acceptor's highest vote (it voted (1.p1, A) before its restart: a durable acceptor keeps its vote across restarts)",
    );
  });

  it("rejects a durable acceptor that reports less after a restart: its promise forgotten", async () => {
    const events = [
      ...[1, 2, 3].map(() => ({ event: "prepare-sent", node: "p1", key: "k", ballot: { round: 1, proposer: "p1" } })),
      ...[1, 2, 3].map(() => ({ event: "prepare-sent", node: "p2", key: "k", ballot: { round: 2, proposer: "p2" } })),
      { event: "promise-sent", node: "a1", key: "k", to: "p2", ballot: { round: 2, proposer: "p2" }, voted: null },
      { event: "restart", node: "a1" },
      { event: "promise-sent", node: "a1", key: "k", to: "p1", ballot: { round: 1, proposer: "p1" }, voted: null },
    ];
    const file = path.join(dir, "forgets-promise.trace");
    await writeFile(file, events.map(line).join("\n") + "\n");
    await rejected(
      file,
      9,
      "a1 sent Promise(b=1.p1, voted=none) to p1",
      "a1 promised ballot 1.p1 after promising 2.p2: an acceptor promises only ballots above its promise (it promised 2.p2 before its restart: a durable acceptor keeps its promise across restarts)",
    );
  });

  it("rejects a proposer that starts the same ballot again after its restart", async () => {
    await rejected(
      fixture("restart-reuses-ballot.trace"),
      7,
      "p1 sent Prepare(b=1.p1)",
      "p1 started ballot 1.p1 again after its restart: a proposer's ballots only go up, across restarts too (a proposer never reuses a ballot)",
    );
  });

  it("rejects a node that acts after its crash and before its restart", async () => {
    // a2 crashes before its Promise for 2.p1 and never restarts.
    const file = await edited("restarts.trace", (ls) => [...ls.slice(0, 15), line({ event: "crash", node: "a2" }), ...ls.slice(15)]);
    await rejected(file, 17, "a2 sent Promise(b=2.p1, voted=none) to p1", "a2 logged promise-sent after it crashed and before it restarted: a crashed node does nothing");
  });
});
