// How an acceptor node answers what it refuses. With Nacks on (the TCP store's default) a
// refused Prepare or Accept is answered with a Nack naming the ballot refused and the promise
// that refused it; with Nacks off (the model's behaviour) it is refused in silence. The model
// ignores Nacks and lockstep runs with them off, and on their own timers proposers decide
// without Nacks anyway (later): an acceptor that never sent one would pass both. Here one
// acceptor node of each setting promises a ballot, then gets a Prepare and an Accept of a lower
// one, and what it sends must be exactly that.
import { isDeepStrictEqual } from "node:util";
import type { Ballot, Message, NodeId } from "../protocol/messages.ts";
import { MemoryNetwork } from "../impl/adapters/memory-transport.ts";
import { MemoryStorage } from "../impl/adapters/memory-storage.ts";
import { PaxosNode } from "../impl/node.ts";
import { quiesce } from "../harness/sim-cluster.ts";
import type { Rules } from "../protocol/rules.ts";

const ACCEPTORS: readonly NodeId[] = ["a1", "a2", "a3"];
const b = (round: number, proposer: NodeId): Ballot => ({ round, proposer });
const show = (sent: readonly { to: NodeId; msg: Message }[]) => sent.map((x) => `${x.msg.type} to ${x.to} ${JSON.stringify(x.msg)}`).join(", ") || "nothing sent";

export type AcceptorRefusalResult = { readonly passed: boolean; readonly detail: string };

/** `rules` overrides the acceptor's: a test's way to give the check an acceptor that breaks what it checks. */
export async function checkAcceptorRefusals(rules?: Rules): Promise<AcceptorRefusalResult> {
  const promised = b(2, "p1");
  const steps: readonly { readonly name: string; readonly msg: Message; readonly answer: (nack: boolean) => readonly { to: NodeId; msg: Message }[] }[] = [
    { name: "a Prepare above its promise", msg: { type: "prepare", from: "p1", ballot: promised }, answer: () => [{ to: "p1", msg: { type: "promise", from: "a1", ballot: promised, voted: null } }] },
    { name: "a Prepare below its promise", msg: { type: "prepare", from: "p2", ballot: b(1, "p2") }, answer: (nack) => (nack ? [{ to: "p2", msg: { type: "nack", from: "a1", ballot: b(1, "p2"), promised } }] : []) },
    { name: "an Accept below its promise", msg: { type: "accept", from: "p2", ballot: b(1, "p2"), value: "B" }, answer: (nack) => (nack ? [{ to: "p2", msg: { type: "nack", from: "a1", ballot: b(1, "p2"), promised } }] : []) },
    { name: "an Accept of its promise", msg: { type: "accept", from: "p1", ballot: promised, value: "A" }, answer: () => [{ to: "p1", msg: { type: "accepted", from: "a1", ballot: promised, value: "A" } }] },
  ];
  // Nacks on, off, and left to the node's default, which is on.
  for (const setting of [true, false, undefined]) {
    const nack = setting ?? true;
    const network = new MemoryNetwork();
    const node = await PaxosNode.start({ id: "a1", acceptors: ACCEPTORS, transport: network.endpoint("a1"), storage: new MemoryStorage(), ...(setting === undefined ? {} : { nack: setting }), ...(rules ? { rules } : {}) });
    try {
      for (const step of steps) {
        network.inFlight.length = 0;
        await node.receive({ type: "paxos", key: "k", msg: step.msg });
        await quiesce(() => [node]);
        const got = network.inFlight.map((e) => ({ to: e.to, msg: e.frame.msg }));
        const want = step.answer(nack);
        if (node.fatal) return { passed: false, detail: `with Nacks ${setting === undefined ? "by default (on)" : nack ? "on" : "off"}, ${step.name}: the node stopped on its own: ${node.fatal.message}` };
        if (!isDeepStrictEqual(got, want)) return { passed: false, detail: `with Nacks ${setting === undefined ? "by default (on)" : nack ? "on" : "off"}, ${step.name}: expected ${show(want)}, got ${show(got)}` };
      }
    } finally {
      await node.stop();
    }
  }
  return { passed: true, detail: "a Prepare and an Accept below the promise answered with a Nack naming it (Nacks on, and by default) and in silence (off); the ballot promised and voted for answered" };
}
