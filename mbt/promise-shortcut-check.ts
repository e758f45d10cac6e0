// The TCP store's shortcut of learning a value from promises (impl/core/proposer.ts
// chosenInPromises): when every promise of a quorum reports a vote in one and the same ballot,
// that ballot's value is chosen and the proposer answers it without phase 2. Any weaker test
// is unsafe (the value it answers may never be chosen, and another may be), and a stricter one
// only costs a round; the own-timers runs meet the quorums it must refuse too seldom to tell.
// Here a proposer node with the store's shortcuts gets, on a key of its own each, a quorum of
// promises of each shape: the same vote twice (learned, no Accept), and the near misses, which
// must go on to phase 2 with the highest-ballot vote's value.
import type { Ballot, NodeId, Value } from "../protocol/messages.ts";
import { MemoryNetwork } from "../impl/adapters/memory-transport.ts";
import { MemoryStorage } from "../impl/adapters/memory-storage.ts";
import { PaxosNode, type NodeOptions } from "../impl/node.ts";
import { correctRules } from "../protocol/rules.ts";
import { quiesce } from "../harness/sim-cluster.ts";

const ACCEPTORS: readonly NodeId[] = ["a1", "a2", "a3"];
const b = (round: number, proposer: NodeId): Ballot => ({ round, proposer });
type Reported = { readonly ballot: Ballot; readonly value: Value } | null;

/** A quorum's promises (from a1 and a2), and what must follow: the value answered, or an Accept of it. */
export type ShortcutCase = { readonly name: string; readonly votes: readonly [Reported, Reported]; readonly learned: boolean; readonly value: Value };

export const shortcutCases: readonly ShortcutCase[] = [
  { name: "one vote, reported by the whole quorum", votes: [{ ballot: b(1, "p2"), value: "A" }, { ballot: b(1, "p2"), value: "A" }], learned: true, value: "A" },
  { name: "a vote and no vote", votes: [{ ballot: b(1, "p2"), value: "A" }, null], learned: false, value: "A" },
  { name: "no vote and a vote", votes: [null, { ballot: b(1, "p2"), value: "A" }], learned: false, value: "A" },
  { name: "one value in ballots of two rounds", votes: [{ ballot: b(1, "p2"), value: "A" }, { ballot: b(2, "p3"), value: "A" }], learned: false, value: "A" },
  { name: "one value in two proposers' ballots of one round", votes: [{ ballot: b(1, "p2"), value: "A" }, { ballot: b(1, "p3"), value: "A" }], learned: false, value: "A" },
  { name: "two values, the higher ballot's second", votes: [{ ballot: b(1, "p2"), value: "A" }, { ballot: b(2, "p3"), value: "B" }], learned: false, value: "B" },
];

export type ShortcutResult = { readonly passed: boolean; readonly detail: string };

/**
 * The store's node, then a node that routes Accepts to every acceptor by its rules alone (not the
 * store's shortcuts, which it does not ask for): that one learns nothing from promises, so even
 * the whole quorum reporting one vote goes on to phase 2.
 */
export async function checkPromiseShortcut(cases: readonly ShortcutCase[] = shortcutCases): Promise<ShortcutResult> {
  const store = await runCases({ shortcuts: true }, cases);
  if (!store.passed) return store;
  const routed = await runCases({ rules: { ...correctRules, acceptToPromisers: false } }, cases.map((c) => ({ ...c, name: `${c.name} (Accepts to every acceptor by rule, no shortcuts)`, learned: false })));
  if (!routed.passed) return routed;
  return { passed: true, detail: `${store.detail}; none answered from promises by a node routing Accepts to every acceptor without the shortcuts` };
}

async function runCases(options: Pick<NodeOptions, "shortcuts" | "rules">, cases: readonly ShortcutCase[]): Promise<ShortcutResult> {
  const network = new MemoryNetwork();
  const node = await PaxosNode.start({ id: "p1", acceptors: ACCEPTORS, transport: network.endpoint("p1"), storage: new MemoryStorage(), nack: true, ...options });
  try {
    for (const [i, c] of cases.entries()) {
      const key = `k${i + 1}`;
      let answered: Value | null | undefined;
      void node.request(key, "Z").then((v) => void (answered = v), () => {});
      await quiesce(() => [node]);
      network.inFlight.length = 0;
      for (const [j, voted] of c.votes.entries()) await node.receive({ type: "paxos", key, msg: { type: "promise", from: ACCEPTORS[j]!, ballot: b(1, "p1"), voted } });
      await quiesce(() => [node]);
      if (node.fatal) return { passed: false, detail: `${c.name}: the node stopped on its own: ${node.fatal.message}` };
      const accepts = network.inFlight.flatMap((e) => (e.frame.msg.type === "accept" ? [e.frame.msg] : []));
      if (c.learned) {
        if (answered !== c.value || accepts.length > 0) return { passed: false, detail: `${c.name}: expected ${c.value} learned from the promises and answered without phase 2, got ${answered === undefined ? "no answer" : `the answer ${answered}`} and ${accepts.length} Accepts` };
      } else if (answered !== undefined || accepts.length !== ACCEPTORS.length || accepts.some((m) => m.value !== c.value)) {
        return { passed: false, detail: `${c.name}: expected phase 2 with ${c.value} to every acceptor and no answer yet, got ${answered === undefined ? "no answer" : `the answer ${answered}`} and Accepts of ${accepts.map((m) => m.value).join(", ") || "nothing"}` };
      }
    }
    return { passed: true, detail: `${cases.filter((c) => c.learned).length} quorum reporting one ballot's vote answered from the promises, ${cases.filter((c) => !c.learned).length} near misses taken to phase 2 with the highest-ballot vote` };
  } finally {
    await node.stop();
  }
}
