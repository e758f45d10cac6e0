// A restart from the log's snapshot. A node's durable state is its acceptor's promise and vote
// and its proposer's round per key; after a restart it must be exactly what it was (Paxos's
// safety rests on an acceptor never forgetting a promise or a vote), and the storage gives it
// back compacted, as the file storage's snapshot does (impl/core/live-state.ts): one record per
// fact, a vote, a promise only where it is above the vote, a round only above zero. The
// lockstep runs restart acceptors too, but seldom in the states where a snapshot could go wrong
// (a promise of the vote's round by another proposer). Here one node takes, on a key of its own
// each, every sequence of up to three inputs among Prepares and Accepts of three ballots (two
// proposers in round 1, one in round 2) and a request of its own, then restarts twice on its
// storage; its state and the snapshot must be as above.
import { isDeepStrictEqual } from "node:util";
import type { Ballot, Message, NodeId } from "../protocol/messages.ts";
import type { WalRecord } from "../impl/core/effects.ts";
import type { AcceptorSlot } from "../impl/core/acceptor.ts";
import { MemoryNetwork } from "../impl/adapters/memory-transport.ts";
import { MemoryStorage } from "../impl/adapters/memory-storage.ts";
import type { Storage } from "../impl/ports/storage.ts";
import { PaxosNode } from "../impl/node.ts";
import { quiesce } from "../harness/sim-cluster.ts";
import { ballotEquals, formatBallot } from "../protocol/ballot.ts";

const ACCEPTORS: readonly NodeId[] = ["a1", "a2", "a3"];
const b = (round: number, proposer: NodeId): Ballot => ({ round, proposer });
type Input = { readonly name: string; readonly msg?: Message };
const INPUTS: readonly Input[] = [
  ...[b(1, "p1"), b(1, "p2"), b(2, "p1")].flatMap((ballot): Input[] => [
    { name: `Prepare ${formatBallot(ballot)}`, msg: { type: "prepare", from: ballot.proposer, ballot } },
    { name: `Accept ${formatBallot(ballot)}`, msg: { type: "accept", from: ballot.proposer, ballot, value: ballot.proposer === "p1" ? "A" : "B" } },
  ]),
  { name: "a request of its own" },
];
const MAX_INPUTS = 3;

function* histories(prefix: readonly Input[] = []): Generator<readonly Input[]> {
  if (prefix.length > 0) yield prefix;
  if (prefix.length < MAX_INPUTS) for (const i of INPUTS) yield* histories([...prefix, i]);
}

type Durable = { readonly slot: AcceptorSlot | undefined; readonly round: number };
const durable = (node: PaxosNode, key: string): Durable => ({ slot: node.slots.get(key), round: node.roundOf(key) });
const show = (d: Durable) => `${d.slot ? "" : "no acceptor state: "}promise ${formatBallot(d.slot?.promised ?? null)}, vote ${d.slot?.accepted ? `${d.slot.accepted.value} in ${formatBallot(d.slot.accepted.ballot)}` : "none"}, round ${d.round}`;

/** The records a snapshot of `d` must hold: a vote, a promise above it, a round above zero. */
function fewest(d: Durable): number {
  const { promised, accepted } = d.slot ?? { promised: null, accepted: null };
  return (accepted ? 1 : 0) + (promised && !(accepted && ballotEquals(promised, accepted.ballot)) ? 1 : 0) + (d.round > 0 ? 1 : 0);
}

export type RestartResult = { readonly passed: boolean; readonly detail: string };

/** `storage` holds the node's log (a memory storage): a test's way to give the check one that loses something. */
export async function checkRestart(storage: Storage = new MemoryStorage()): Promise<RestartResult> {
  const network = new MemoryNetwork();
  const start = () => PaxosNode.start({ id: "a1", acceptors: ACCEPTORS, transport: network.endpoint("a1"), storage, nack: false });
  let node = await start();
  const keys = new Map<string, readonly Input[]>();
  for (const history of histories()) {
    const key = `k${keys.size}`;
    keys.set(key, history);
    for (const input of history) {
      if (input.msg) await node.receive({ type: "paxos", key, msg: input.msg });
      else void node.request(key, "C").catch(() => {}); // left waiting: the restart fails it
      await quiesce(() => [node]);
    }
  }
  if (node.fatal) return { passed: false, detail: `the node stopped on its own: ${node.fatal.message}` };
  const before = new Map([...keys.keys()].map((k) => [k, durable(node, k)]));
  for (const restart of [1, 2]) {
    await node.stop();
    let snapshot: readonly WalRecord[];
    try {
      snapshot = await storage.load();
      node = await start();
    } catch (e) {
      return { passed: false, detail: `restart ${restart} failed: ${(e as Error).message}` };
    }
    for (const [key, history] of keys) {
      const [was, now] = [before.get(key)!, durable(node, key)];
      const after = `after ${history.map((i) => i.name).join(", ")} and restart ${restart}`;
      if (!isDeepStrictEqual(now, was)) return { passed: false, detail: `${after}: ${show(now)}, but before it ${show(was)}` };
      const held = snapshot.filter((r) => r.key === key).length;
      if (held !== fewest(was)) return { passed: false, detail: `${after}: the snapshot holds ${held} records for the key, not the ${fewest(was)} its state needs: ${JSON.stringify(snapshot.filter((r) => r.key === key))}` };
    }
  }
  await node.stop();
  return { passed: true, detail: `${keys.size} keys, each after its own inputs (up to ${MAX_INPUTS} Prepares, Accepts and requests), kept their promise, vote and round across two restarts from a snapshot of one record per fact` };
}
