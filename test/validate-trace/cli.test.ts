// synod validate-trace on small hand-written logs: exit codes, malformed input named by file,
// line and field, the acceptor set, and a receive logged before its send.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { command } from "../../cli/commands/validate-trace.ts";
import { runCommand } from "../cli/capture.ts";

const b1 = { round: 1, proposer: "p1" };
const line = (e: object) => JSON.stringify({ at: 1, ...e });
const p1 = [
  { event: "proposal-input", node: "p1", key: "k", value: "A" },
  ...[1, 2, 3].map(() => ({ event: "prepare-sent", node: "p1", key: "k", ballot: b1 })),
  ...["a1", "a2"].map((to) => ({ event: "accept-sent", node: "p1", key: "k", to, ballot: b1, value: "A" })),
  ...["a1", "a2"].map((from) => ({ event: "accepted-received", node: "p1", key: "k", from, ballot: b1, value: "A" })),
  { event: "value-learned", node: "p1", key: "k", ballot: b1, value: "A" },
].map(line);
const acceptor = (id: string) =>
  [
    { event: "promise-sent", node: id, key: "k", to: "p1", ballot: b1, voted: null },
    { event: "vote-cast", node: id, key: "k", to: "p1", ballot: b1, value: "A" },
  ].map(line);

let dir: string;
const write = async (name: string, lines: string[]) => {
  const f = path.join(dir, name);
  await writeFile(f, lines.join("\n") + "\n");
  return f;
};
beforeAll(async () => void (dir = await mkdtemp(path.join(tmpdir(), "synod-vt-cli-"))));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("synod validate-trace", () => {
  it("exit 0 on a behaviour of the model, one file per node or one merged file", async () => {
    const files = [await write("p1.log", p1), await write("a1.log", acceptor("a1")), await write("a2.log", acceptor("a2"))];
    const r = await runCommand(command, ["--acceptors", "a1,a2,a3", ...files]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("k: 13 events, chosen A, learned by p1");
    const merged = await write("all.log", [...acceptor("a1"), ...p1, ...acceptor("a2")]);
    expect((await runCommand(command, ["--acceptors", "a1,a2,a3", merged])).code).toBe(0);
  });

  it("exit 2 when the logs show fewer acceptors than a Prepare went to, unless --acceptors names them", async () => {
    const files = [await write("p1.log", p1), await write("a1.log", acceptor("a1")), await write("a2.log", acceptor("a2"))];
    const r = await runCommand(command, files);
    expect(r.code).toBe(2);
    expect(r.err).toContain("a proposer sent 3 Prepares for one ballot, but the log shows only 2 acceptor(s) (a1, a2): name them all with --acceptors");
  });

  it("exit 2 when a proposer's log is missing: its Prepares and Accepts are unknown", async () => {
    const a1 = await write("a1.log", acceptor("a1"));
    const r = await runCommand(command, ["--acceptors", "a1,a2,a3", a1]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${a1} line 1 names ballot 1.p1, but the logs hold no event of its proposer p1: give every node's log`);
  });

  it("exit 1 with file, line, event and reason when a learner learns without a quorum", async () => {
    const files = [await write("p1.log", p1.filter((_, i) => i !== 7)), await write("a1.log", acceptor("a1")), await write("a2.log", acceptor("a2"))];
    const r = await runCommand(command, ["--acceptors", "a1,a2,a3", ...files]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`key k: first event the model does not allow, ${files[0]} line 8:`);
    expect(r.out).toContain("p1 learned A (ballot 1.p1)");
    expect(r.out).toContain("p1 learned A in ballot 1.p1 with Accepted from only a1: no quorum (2 of 3), nor a quorum of Promises reporting that vote");
  });

  it("exit 1 when a proposer sends phase 2a without a quorum of Promises", async () => {
    const files = [await write("p1.log", p1), await write("a1.log", acceptor("a1")), await write("a2.log", acceptor("a2").slice(1))];
    const r = await runCommand(command, ["--acceptors", "a1,a2,a3", ...files]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${files[0]} line 5:`);
    expect(r.out).toContain("p1 sent an Accept for ballot 1.p1 with Promises from a1: no quorum (2 of 3)");
  });

  it("exit 1 when a proposer ignores the vote its Promises report", async () => {
    const b2 = { round: 1, proposer: "p2" };
    const later = (id: string) => line({ event: "promise-sent", node: id, key: "k", to: "p2", ballot: b2, voted: { ballot: b1, value: "A" } });
    const p2 = [
      { event: "proposal-input", node: "p2", key: "k", value: "B" },
      ...[1, 2, 3].map(() => ({ event: "prepare-sent", node: "p2", key: "k", ballot: b2 })),
      { event: "accept-sent", node: "p2", key: "k", to: "a1", ballot: b2, value: "B" },
    ].map(line);
    const files = [await write("p1.log", p1), await write("p2.log", p2), await write("a1.log", [...acceptor("a1"), later("a1")]), await write("a2.log", [...acceptor("a2"), later("a2")])];
    const r = await runCommand(command, ["--acceptors", "a1,a2,a3", ...files]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${files[1]} line 5:`);
    expect(r.out).toContain(
      "p2 proposed B in ballot 1.p2, which no quorum of its Promises (a1: (1.p1, A), a2: (1.p1, A); its input B) leads to: a proposer takes the highest vote reported, or its own value if none",
    );
  });

  it("exit 1 on a receive logged before its send: no order puts every receive after its send", async () => {
    // a1 votes before p1 has sent its Accept, and p1 hears the vote before it sends the Accept.
    const early = [p1[0]!, p1[6]!, ...p1.slice(1, 6), p1[7]!, p1[8]!];
    const files = [await write("p1.log", early), await write("a1.log", acceptor("a1")), await write("a2.log", acceptor("a2"))];
    const r = await runCommand(command, ["--acceptors", "a1,a2,a3", "--json", ...files]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).rejection).toMatchObject({
      file: files[0],
      line: 2,
      reason: "p1 acts on Accepted(b=1.p1, v=A) from a1, which is sent only after events that come after this one: every receive follows its send",
    });
  });

  it("exit 1 when a proposer starts the same ballot twice (a restart that reuses its ballot)", async () => {
    const again = [...p1.slice(0, 4), p1[1]!, ...p1.slice(4)];
    const files = [await write("p1.log", again), await write("a1.log", acceptor("a1")), await write("a2.log", acceptor("a2"))];
    const r = await runCommand(command, ["--acceptors", "a1,a2,a3", ...files]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${files[0]} line 5:`);
    expect(r.out).toContain("p1 sent a Prepare for ballot 1.p1 to more than the 3 acceptors: it started ballot 1.p1 twice, and a proposer never reuses a ballot");
  });

  it("exit 2 naming file, line and field on a malformed line, and on a line that is not JSON", async () => {
    const bad = await write("bad.log", [p1[0]!, line({ event: "vote-cast", node: "a1", key: "k", to: "p1", ballot: { round: "one", proposer: "p1" }, value: "A" })]);
    const r = await runCommand(command, [bad]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`synod validate-trace: ${bad} line 2: field ballot.round: a ballot's round is a number`);
    const torn = await write("torn.log", [p1[0]!, p1[1]!.slice(0, 20)]);
    const t = await runCommand(command, [torn]);
    expect(t.code).toBe(2);
    expect(t.err).toMatch(new RegExp(`^synod validate-trace: ${torn} line 2: not JSON`));
  });

  it("names the target whose logs were checked, in the report and the JSON", async () => {
    const files = [await write("p1.log", p1), await write("a1.log", acceptor("a1")), await write("a2.log", acceptor("a2"))];
    const r = await runCommand(command, ["--acceptors", "a1,a2,a3", "--target", "raft-ish paxos v2", ...files]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^synod validate-trace \(target raft-ish paxos v2\): 3 log\(s\), 13 events/);
    const j = await runCommand(command, ["--acceptors", "a1,a2,a3", "--target", "raft-ish paxos v2", "--json", ...files]);
    expect(JSON.parse(j.out)).toMatchObject({ verdict: "behaviour", target: "raft-ish paxos v2", learners: [] });
    const none = await runCommand(command, ["--acceptors", "a1,a2,a3", "--json", ...files]);
    expect(JSON.parse(none.out).target).toBeNull();
    expect((await runCommand(command, ["--target", " ", ...files])).err).toContain("--target: a target is named by a non-empty label");
  });

  it("exit 2 on bad usage: no log, an unreadable file, a bad flag", async () => {
    expect((await runCommand(command, [])).code).toBe(2);
    const missing = await runCommand(command, [path.join(dir, "nope.log")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("cannot read");
    const flag = await runCommand(command, ["--acceptors", "1x", await write("p1.log", p1)]);
    expect(flag.code).toBe(2);
    expect(flag.err).toContain("--acceptors: a node id is a letter");
    const learners = await runCommand(command, ["--learners", "l1,2x", await write("p1.log", p1)]);
    expect(learners.code).toBe(2);
    expect(learners.err).toContain("--learners: a node id is a letter");
    const help = await runCommand(command, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("--acceptors");
    expect(help.out).toContain("--json");
    expect(help.out).toContain("--learners");
    expect(help.out).toContain("--target");
  });
});
