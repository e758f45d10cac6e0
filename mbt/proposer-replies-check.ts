// How a proposer node takes the replies and timers that lockstep never gives it. Lockstep drives
// every timeout itself and delivers only the replies the model sends; on its own timers a
// proposer that mishandles them still decides, only later. So a proposer that jumps to no round
// above a Nack's, backs off once per Nack instead of once per ballot, never doubles its backoff,
// restarts on a stale timer, or counts a stale or repeated Promise would pass them. Here one
// proposer node (not an acceptor) is given, one at a time, the replies and timer firings of a
// duel it keeps losing, and each must have exactly the effect docs/impl.md gives it: the
// ballots it sends, the timers it arms and their delays.
import type { Ballot, Message, NodeId } from "../protocol/messages.ts";
import { MemoryNetwork } from "../impl/adapters/memory-transport.ts";
import { MemoryStorage } from "../impl/adapters/memory-storage.ts";
import { seededRng } from "../impl/adapters/prng.ts";
import { PaxosNode, type NodeOptions, type Timing } from "../impl/node.ts";
import { VirtualClock } from "../harness/virtual-clock.ts";
import { quiesce } from "../harness/sim-cluster.ts";

const ACCEPTORS: readonly NodeId[] = ["a1", "a2", "a3"];
const KEY = "k";
/** Keys of their own: a read alone, a write others join, a read a write joins. */
const READ_KEY = "r";
const WRITE_KEY = "w";
const READ_WRITE_KEY = "rw";
const REFUSED_KEY = "x";
const LATE_READ_KEY = "rr";
/** Round timers far above every backoff, so that a backoff always fires first. */
const TIMING: Timing = { roundMs: 60_000, backoffBaseMs: 5, backoffMaxMs: 400 };
/** Ballots lost in a row: enough for the backoff to reach its cap. */
const LOST_BALLOTS = 9;

/** A clock that also keeps the delay of every timer armed on it. */
class RecordingClock extends VirtualClock {
  readonly delays: number[] = [];
  override setTimer(ms: number, fn: () => void): () => void {
    this.delays.push(ms);
    return super.setTimer(ms, fn);
  }
}

export type ProposerRepliesResult = { readonly passed: boolean; readonly detail: string };

const b = (round: number, proposer: NodeId = "p1"): Ballot => ({ round, proposer });
const show = (x: Ballot) => `${x.round}.${x.proposer}`;

/** The mean backoff after the k-th ballot lost in a row: a doubling delay, capped; the delay is randomized in [1/2, 3/2) of it. */
const meanBackoff = (k: number) => Math.min(TIMING.backoffMaxMs, TIMING.backoffBaseMs * 2 ** (k - 1));

/**
 * `node` overrides the proposer node's rules or timing: a test's way to give the check a
 * proposer that breaks what it checks without touching impl/.
 */
export async function checkProposerReplies(seed = 1, node: Pick<NodeOptions, "rules" | "timing"> = {}): Promise<ProposerRepliesResult> {
  const network = new MemoryNetwork();
  const clock = new RecordingClock();
  // The node's randomness, each draw recorded: a backoff's jitter must come from it, so that a run replays from its seed.
  const seeded = seededRng(seed);
  const draws: number[] = [];
  const rng = { next: () => draws[draws.push(seeded.next()) - 1]! };
  const p1 = await PaxosNode.start({ id: "p1", acceptors: ACCEPTORS, transport: network.endpoint("p1"), storage: new MemoryStorage(), clock, rng, timing: TIMING, nack: true, ...node });
  /** What one input did: the frames the node sent, the delays of the timers it armed and the random draws it made. */
  const effects = async (input: () => Promise<unknown> | unknown) => {
    network.inFlight.length = 0;
    const [armed, drawn] = [clock.delays.length, draws.length];
    await input();
    await quiesce(() => [p1]);
    if (p1.fatal) throw new StoppedOnItsOwn(p1.fatal.message);
    return { sent: network.inFlight.map((e) => e.frame.msg), delays: clock.delays.slice(armed), draws: draws.slice(drawn) };
  };
  const reply = (msg: Message) => () => p1.receive({ type: "paxos", key: KEY, msg });
  const fail = (detail: string): ProposerRepliesResult => ({ passed: false, detail });
  let checked = 0;
  try {
    let running = b(1);
    let seen = 0;
    // The request is left unanswered: the node stops at the end, failing it.
    const first = await effects(() => void p1.request(KEY, "A").catch(() => {}));
    for (let k = 1; k <= LOST_BALLOTS; k++) {
      // A Nack for a ballot the node does not run does nothing.
      const stale = await effects(reply({ type: "nack", from: "a3", ballot: b(running.round + 1), promised: b(running.round + 9, "p2") }));
      if (stale.sent.length + stale.delays.length > 0) return fail(`a Nack for ballot ${show(b(running.round + 1))}, which p1 never ran: expected nothing, got ${stale.delays.length} timers and ${stale.sent.length} frames`);
      // A Nack for the running ballot: no frame, one backoff timer, within the doubling range.
      const promised = b(running.round + 2 + (k % 3), k % 2 === 0 ? "p2" : "p3");
      seen = Math.max(seen, promised.round);
      const nack = await effects(reply({ type: "nack", from: "a1", ballot: running, promised }));
      const mean = meanBackoff(k);
      if (nack.sent.length > 0 || nack.delays.length !== 1) return fail(`a Nack for the running ballot ${show(running)} (lost ballot ${k}): expected one backoff timer and no frame, got ${nack.delays.length} timers and ${nack.sent.length} frames`);
      if (!(nack.delays[0]! >= mean / 2 && nack.delays[0]! < (mean * 3) / 2)) return fail(`the backoff after ballot ${k} lost in a row: ${nack.delays[0]} ms, expected in [${mean / 2}, ${(mean * 3) / 2}) (a doubling delay, capped at ${TIMING.backoffMaxMs} ms)`);
      if (nack.draws.length !== 1 || nack.delays[0] !== mean * (0.5 + nack.draws[0]!)) return fail(`the backoff after ballot ${k} lost in a row: ${nack.delays[0]} ms, not ${mean} ms times 1/2 plus a draw of the node's randomness (${nack.draws.length} draws made: ${nack.draws.join(", ")})`);
      // A second Nack for the same ballot does nothing: one backoff per ballot.
      const again = await effects(reply({ type: "nack", from: "a2", ballot: running, promised: b(running.round + 1, "p2") }));
      if (again.sent.length + again.delays.length > 0) return fail(`a second Nack for ballot ${show(running)}: expected nothing (one backoff per ballot), got ${again.delays.length} timers and ${again.sent.length} frames`);
      // Stale Promises (an earlier ballot), then one Promise twice: not a quorum, no Accept.
      const old = await effects(async () => {
        if (running.round > 1) for (const from of ACCEPTORS) await reply({ type: "promise", from, ballot: b(running.round - 1), voted: null })();
        await reply({ type: "promise", from: "a2", ballot: running, voted: null })();
        await reply({ type: "promise", from: "a2", ballot: running, voted: null })();
      });
      if (old.sent.length > 0) return fail(`Promises for earlier ballots and one acceptor's Promise twice for ${show(running)} were counted as a quorum: the node sent ${old.sent.map((m) => m.type).join(", ")}`);
      // The backoff fires: a Prepare to every acceptor in a ballot above every round a Nack reported, and its round timer.
      const retry = await effects(() => clock.fireNext());
      const prepares = retry.sent.filter((m) => m.type === "prepare");
      const next = prepares[0]?.ballot;
      if (prepares.length !== ACCEPTORS.length || !next || prepares.some((m) => m.ballot.round !== next.round)) return fail(`the backoff after ballot ${show(running)} fired: expected one Prepare to each of ${ACCEPTORS.length} acceptors, got ${retry.sent.map((m) => m.type).join(", ") || "nothing"}`);
      if (next.proposer !== "p1" || next.round <= seen) return fail(`the retry after ballot ${show(running)} runs ${show(next)}, not above round ${seen}, the highest a Nack reported`);
      if (retry.delays.length !== 1 || retry.delays[0] !== TIMING.roundMs) return fail(`the retry ${show(next)} armed ${retry.delays.length === 0 ? "no timer" : `timers of ${retry.delays.join(", ")} ms`}, expected its round timer of ${TIMING.roundMs} ms`);
      running = next;
      checked++;
    }
    // The round timers of the lost ballots fire: nothing; the running ballot's starts the next one.
    if (first.delays[0] !== TIMING.roundMs) return fail(`the first ballot armed ${first.delays.length === 0 ? "no timer" : `a timer of ${first.delays[0]} ms`}, expected its round timer of ${TIMING.roundMs} ms`);
    for (let stale = 1; stale <= LOST_BALLOTS; stale++) {
      const fired = await effects(() => clock.fireNext());
      if (fired.sent.length > 0) return fail(`the round timer of lost ballot ${stale} fired and the node sent ${fired.sent.map((m) => `${m.type} ${show(m.ballot)}`).join(", ")}: a stale timer must do nothing`);
    }
    const own = await effects(() => clock.fireNext());
    const after = own.sent.filter((m) => m.type === "prepare");
    if (after.length !== ACCEPTORS.length || after[0]!.ballot.round !== running.round + 1) return fail(`the running ballot ${show(running)}'s round timer fired: expected a Prepare of round ${running.round + 1} to every acceptor, got ${own.sent.map((m) => `${m.type} ${show(m.ballot)}`).join(", ") || "nothing"}`);
    // A read answered "none" (its quorum reported no vote) is over: a late Nack or timer for its ballot does nothing.
    let readAnswer: string = "no answer";
    const read = await effects(async () => {
      void p1.request(READ_KEY, null).then((v) => void (readAnswer = `${v}`), (e: Error) => void (readAnswer = e.message));
      await quiesce(() => [p1]);
      for (const from of ["a1", "a2"]) await p1.receive({ type: "paxos", key: READ_KEY, msg: { type: "promise", from, ballot: b(1), voted: null } });
    });
    if (read.sent.some((m) => m.type === "accept") || readAnswer !== "null") return fail(`a read whose quorum reported no vote: expected the answer none and no Accept, got ${readAnswer} and ${read.sent.map((m) => m.type).join(", ") || "nothing sent"}`);
    const late = await effects(() => p1.receive({ type: "paxos", key: READ_KEY, msg: { type: "nack", from: "a3", ballot: b(1), promised: b(2, "p2") } }));
    if (late.sent.length + late.delays.length > 0) return fail(`a Nack for the ballot of a read already answered: expected nothing, got ${late.delays.length} timers and ${late.sent.length} frames`);
    const lateTimer = await effects(() => p1.timeout(READ_KEY));
    if (lateTimer.sent.length > 0) return fail(`a timeout for a read already answered started a ballot: ${lateTimer.sent.map((m) => `${m.type} ${show(m.ballot)}`).join(", ")}`);
    const write = await effects(() => void p1.request(READ_KEY, "A").catch(() => {}));
    const writePrepares = write.sent.filter((m) => m.type === "prepare");
    if (writePrepares.length !== ACCEPTORS.length || writePrepares[0]!.ballot.round !== 2) return fail(`a write after a read answered none on its key sent ${write.sent.map((m) => `${m.type} ${show(m.ballot)}`).join(", ") || "nothing"}, expected a Prepare of round 2 to every acceptor`);
    // Requests that arrive while a ballot runs join it: a read and a second write during a write's
    // phase 1 send nothing, and the Accept carries the first write's value; a write during a
    // read's phase 1 makes the read's ballot propose it; a write during phase 2 sends nothing
    // either. A Nack in phase 2 preempts the ballot too.
    for (const [k, asked, proposed] of [[WRITE_KEY, ["A", null, "B"], "A"], [READ_WRITE_KEY, [null, "C"], "C"]] as const) {
      const start = await effects(() => void p1.request(k, asked[0]).catch(() => {}));
      if (start.sent.filter((m) => m.type === "prepare").length !== ACCEPTORS.length) return fail(`a request for key ${k} started no ballot: the node sent ${start.sent.map((m) => m.type).join(", ") || "nothing"}`);
      for (const more of asked.slice(1)) {
        const joined = await effects(() => void p1.request(k, more).catch(() => {}));
        if (joined.sent.length + joined.delays.length > 0) return fail(`a ${more === null ? "read" : `write of ${more}`} while key ${k}'s ballot 1.p1 is in phase 1 did not join it: it sent ${joined.sent.map((m) => `${m.type} ${show(m.ballot)}`).join(", ") || "nothing"} and armed ${joined.delays.length} timers`);
      }
      const quorum = await effects(async () => {
        for (const from of ["a1", "a2"]) await p1.receive({ type: "paxos", key: k, msg: { type: "promise", from, ballot: b(1), voted: null } });
      });
      const accepts = quorum.sent.filter((m) => m.type === "accept");
      const wrong = accepts.filter((m) => m.value !== proposed);
      if (accepts.length !== 2 || wrong.length > 0) return fail(`key ${k}, asked ${asked.map((x) => x ?? "a read").join(" then ")}, quorum reporting no vote: expected an Accept of ${proposed} to each of the two promisers, got ${quorum.sent.map((m) => (m.type === "accept" ? `accept ${m.value}` : m.type)).join(", ") || "nothing"}`);
      const inPhase2 = await effects(() => void p1.request(k, "D").catch(() => {}));
      if (inPhase2.sent.length + inPhase2.delays.length > 0) return fail(`a write of D while key ${k}'s ballot 1.p1 is in phase 2 did not join it: it sent ${inPhase2.sent.map((m) => `${m.type} ${show(m.ballot)}`).join(", ") || "nothing"} and armed ${inPhase2.delays.length} timers`);
      const preempted = await effects(() => p1.receive({ type: "paxos", key: k, msg: { type: "nack", from: "a3", ballot: b(1), promised: b(2, "p2") } }));
      if (preempted.sent.length > 0 || preempted.delays.length !== 1) return fail(`a Nack for key ${k}'s ballot 1.p1 in phase 2: expected one backoff timer and no frame, got ${preempted.delays.length} timers and ${preempted.sent.length} frames`);
    }
    // "None" says nothing was chosen when the ballot started, so it answers only the reads that
    // arrived before then: a read that joined during phase 1 needs a ballot of its own.
    const reads: string[] = ["no answer", "no answer"];
    for (const i of [0, 1]) {
      void p1.request(LATE_READ_KEY, null).then((v) => void (reads[i] = `${v}`), (e: Error) => void (reads[i] = e.message));
      await quiesce(() => [p1]);
    }
    const readQuorum = await effects(async () => {
      for (const from of ["a1", "a2"]) await p1.receive({ type: "paxos", key: LATE_READ_KEY, msg: { type: "promise", from, ballot: b(1), voted: null } });
    });
    const ownBallot = readQuorum.sent.filter((m) => m.type === "prepare" && m.ballot.round === 2);
    if (reads[0] !== "null" || reads[1] !== "no answer" || ownBallot.length !== ACCEPTORS.length) return fail(`two reads, the second during the first's phase 1, a quorum reporting no vote: expected the first answered none and the second not (it arrived after the ballot started) with a Prepare of round 2 for it, got ${reads.join(" and ")}, and ${readQuorum.sent.map((m) => `${m.type} ${show(m.ballot)}`).join(", ") || "nothing sent"}`);
    // Refused by so many acceptors that no quorum is left: the request fails, and the next one
    // on the key starts the round after (the abandoned instance keeps its round).
    const refusedAnswer = p1.request(REFUSED_KEY, "A").then(() => "answered", (e: Error) => e.message);
    await quiesce(() => [p1]);
    for (const from of ["a1", "a2"]) p1.onRefused({ from, key: REFUSED_KEY, reason: "key-limit", detail: `${from} holds too many keys` });
    const refusal = await refusedAnswer;
    if (!refusal.includes("a1, a2 refused it")) return fail(`a request refused by a1 and a2 (no quorum left) was not failed with their refusal: ${refusal}`);
    const next = await effects(() => void p1.request(REFUSED_KEY, "A").catch(() => {}));
    const again = next.sent.filter((m) => m.type === "prepare");
    if (again.length !== ACCEPTORS.length || again[0]!.ballot.round !== 2) return fail(`after a refused request, the next one on its key sent ${next.sent.map((m) => `${m.type} ${show(m.ballot)}`).join(", ") || "nothing"}, expected a Prepare of round 2 to every acceptor`);
    return { passed: true, detail: `${checked} ballots lost to Nacks, each backed off once by its doubling delay times a draw of its own randomness and retried above the Nack's round; stale Nacks, Promises and timers ignored, and late ones after a read was answered; requests during phases 1 and 2 joined the running ballot, a read that joined after "none"'s ballot started not answered by it; a refused request's key went on from its round` };
  } catch (e) {
    if (e instanceof StoppedOnItsOwn) return fail(`the node stopped on its own: ${e.message}`);
    throw e;
  } finally {
    await p1.stop();
  }
}

class StoppedOnItsOwn extends Error {}
