// Frames no correct peer sends, refused and without effect. Lockstep and the own-timers runs
// only ever deliver what correct nodes send, so the node's admission of frames (impl/core/
// admission.ts) would pass them refusing nothing. Here one acceptor node gets, one at a time,
// each frame a correct peer never sends next to the nearest one it does: replies from outside
// the cluster, a ballot of another proposer, a round past the reach of its promise (at the
// limit and one above, also from a vote without a promise), a new key past its key limit. Each refusal must name its reason and
// leave the node's promise and vote as they were, with nothing sent; each admitted neighbour
// must be acted on.
import type { Message } from "../protocol/messages.ts";
import type { Refusal } from "../impl/core/admission.ts";
import { MAX_ROUND_STEP } from "../impl/core/admission.ts";
import { MemoryNetwork } from "../impl/adapters/memory-transport.ts";
import { MemoryStorage } from "../impl/adapters/memory-storage.ts";
import { PaxosNode } from "../impl/node.ts";
import { correctRules } from "../protocol/rules.ts";

/** A frame, and for one to refuse its reason and what the refusal's detail must name. */
export type AdmissionCase = { readonly name: string; readonly key: string; readonly msg: Message; readonly refused?: Refusal["reason"]; readonly names?: string };

const ACCEPTORS = ["a1", "a2", "a3"];
const ballot = (round: number, proposer = "p1") => ({ round, proposer });
const prepare = (round: number, from = "p1", owner = from): Message => ({ type: "prepare", from, ballot: ballot(round, owner) });

/** In order: each case runs on the node as the cases before it left it. The node holds at most two keys. */
export const admissionCases: readonly AdmissionCase[] = [
  { name: "a Promise from outside the cluster", key: "k1", msg: { type: "promise", from: "x9", ballot: ballot(1), voted: null }, refused: "not-a-member", names: "'x9', which is not an acceptor of the cluster (a1, a2, a3)" },
  { name: "an Accepted from outside the cluster", key: "k1", msg: { type: "accepted", from: "x9", ballot: ballot(1, "x9"), value: "A" }, refused: "not-a-member", names: "accepted from 'x9'" },
  { name: "a Nack from outside the cluster", key: "k1", msg: { type: "nack", from: "x9", ballot: ballot(1, "x9"), promised: ballot(2) }, refused: "not-a-member", names: "nack from 'x9'" },
  { name: "a Prepare carrying another proposer's ballot", key: "k1", msg: prepare(1, "p1", "p2"), refused: "ballot-out-of-reach", names: "p2" },
  { name: "a Prepare one round past reach of no promise", key: "k1", msg: prepare(MAX_ROUND_STEP + 1), refused: "ballot-out-of-reach", names: `round ${MAX_ROUND_STEP + 1}` },
  { name: "a Prepare at the reach of no promise", key: "k1", msg: prepare(MAX_ROUND_STEP) },
  { name: "a Prepare one round past reach of the promise", key: "k1", msg: prepare(2 * MAX_ROUND_STEP + 1), refused: "ballot-out-of-reach", names: `promised round ${MAX_ROUND_STEP}` },
  { name: "a Prepare at the reach of the promise", key: "k1", msg: prepare(2 * MAX_ROUND_STEP) },
  { name: "a Prepare for a second key", key: "k2", msg: prepare(1) },
  { name: "a Prepare for a third key, past the limit", key: "k3", msg: prepare(1), refused: "key-limit", names: "2 keys" },
  { name: "a Prepare for a key held, at the limit", key: "k2", msg: prepare(2) },
];

export type AdmissionResult = { readonly passed: boolean; readonly detail: string };

export async function checkAdmission(cases: readonly AdmissionCase[] = admissionCases): Promise<AdmissionResult> {
  const network = new MemoryNetwork();
  const refusals: Refusal[] = [];
  const node = await PaxosNode.start({ id: "a1", acceptors: ACCEPTORS, transport: network.endpoint("a1"), storage: new MemoryStorage(), maxKeys: 2, nack: false, onRefused: (_to, _key, r) => void refusals.push(r) });
  try {
    for (const c of cases) {
      const before = node.slots.get(c.key);
      const refusedBefore = refusals.length;
      network.inFlight.length = 0;
      await node.receive({ type: "paxos", key: c.key, msg: c.msg });
      const refusal = refusals.length > refusedBefore ? refusals.at(-1)! : undefined;
      if (c.refused) {
        if (refusal?.reason !== c.refused) return { passed: false, detail: `${c.name}: expected refused as ${c.refused}, got ${refusal ? `refused as ${refusal.reason}` : "admitted"}` };
        if (c.names && !refusal.detail.includes(c.names)) return { passed: false, detail: `${c.name}: the refusal's detail does not say "${c.names}": ${refusal.detail}` };
        if (node.slots.get(c.key) !== before || network.inFlight.length > 0) return { passed: false, detail: `${c.name}: refused, but the node's state changed or it sent a frame` };
      } else {
        if (refusal) return { passed: false, detail: `${c.name}: expected admitted, refused as ${refusal.reason} (${refusal.detail})` };
        if (network.inFlight.length === 0) return { passed: false, detail: `${c.name}: admitted, but the node did not answer it` };
      }
    }
  } finally {
    await node.stop();
  }
  const unhooked = await withoutRefusalHook(cases);
  if (unhooked) return { passed: false, detail: unhooked };
  const unpromised = await voteWithoutPromise();
  if (unpromised) return { passed: false, detail: unpromised };
  return { passed: true, detail: `${cases.filter((c) => c.refused).length} frames refused with their reason and without effect (also by a node with no refusal hook), ${cases.filter((c) => !c.refused).length} at the limits admitted, a Prepare past reach of a vote without a promise refused` };
}

/**
 * A slot can hold a vote and no promise: under rules where accepting does not raise the promise
 * (`acceptRaisesPromise` off, as a store whose Accepts go to every acceptor may have it). The reach
 * of a ballot is then measured from round 0, as for no slot: a Prepare past it is refused, not a
 * fault of the node. Why not, or null.
 */
async function voteWithoutPromise(): Promise<string | null> {
  const network = new MemoryNetwork();
  const refusals: Refusal[] = [];
  const node = await PaxosNode.start({ id: "a1", acceptors: ACCEPTORS, transport: network.endpoint("a1"), storage: new MemoryStorage(), nack: false, rules: { ...correctRules, acceptRaisesPromise: false }, onRefused: (_to, _key, r) => void refusals.push(r) });
  try {
    await node.receive({ type: "paxos", key: "k1", msg: { type: "accept", from: "p1", ballot: ballot(1), value: "A" } });
    const slot = node.slots.get("k1");
    if (slot?.promised !== null || slot.accepted === null) return `an Accept with no promise left the slot ${JSON.stringify(slot)}, not a vote without a promise`;
    await node.receive({ type: "paxos", key: "k1", msg: prepare(MAX_ROUND_STEP + 1) });
    const r = refusals.at(-1);
    if (r?.reason !== "ballot-out-of-reach" || !r.detail.includes("promised round 0")) return `a Prepare past reach of a vote without a promise: expected refused as ballot-out-of-reach from promised round 0, got ${r ? `${r.reason} (${r.detail})` : "admitted"}`;
    return node.slots.get("k1") === slot ? null : "a Prepare refused past reach of a vote without a promise changed the slot";
  } catch (e) {
    return `a Prepare past reach of a vote without a promise broke the node: ${(e as Error).message}`;
  } finally {
    await node.stop();
  }
}

/** The refusal hook is optional: a node without one drops what it refuses and goes on. Why not, or null. */
async function withoutRefusalHook(cases: readonly AdmissionCase[]): Promise<string | null> {
  const network = new MemoryNetwork();
  const node = await PaxosNode.start({ id: "a1", acceptors: ACCEPTORS, transport: network.endpoint("a1"), storage: new MemoryStorage(), maxKeys: 2, nack: false });
  try {
    for (const c of cases) {
      network.inFlight.length = 0;
      await node.receive({ type: "paxos", key: c.key, msg: c.msg });
      if (!c.refused && network.inFlight.length === 0) return `without a refusal hook, ${c.name}: admitted, but the node did not answer it`;
    }
    return null;
  } catch (e) {
    return `without a refusal hook, a refused frame broke the node: ${(e as Error).message}`;
  } finally {
    await node.stop();
  }
}
