// The four actions of Paxos.tla, one function each, transcribed clause by clause. Each
// returns the next state, or null where the spec's enabling condition is false.
import { z } from "zod";
import { majority } from "../../protocol/quorum.ts";
import { replaceAt, send, type LamportState, type Msg1b } from "./state.ts";

/** An action names its parameters: the spec's bound variables, with the message received. */
export const LamportAction = z.discriminatedUnion("phase", [
  z.strictObject({ phase: z.literal("Phase1a"), bal: z.number().int().min(0) }),
  z.strictObject({ phase: z.literal("Phase1b"), acc: z.number().int().min(0), bal: z.number().int().min(0) }),
  z.strictObject({ phase: z.literal("Phase2a"), bal: z.number().int().min(0), val: z.number().int().min(0) }),
  z.strictObject({ phase: z.literal("Phase2b"), acc: z.number().int().min(0), bal: z.number().int().min(0), val: z.number().int().min(0) }),
]);
export type LamportAction = z.infer<typeof LamportAction>;

/**
 * Phase1a(b): the leader of ballot b asks acceptors to join it. It needs no condition, and
 * sending a 1a message that was already sent changes nothing (a stuttering step).
 */
export function phase1a(s: LamportState, bal: number): LamportState {
  const msgs = send(s.msgs, { type: "1a", bal });
  return msgs === s.msgs ? s : { ...s, msgs };
}

/**
 * Phase1b(a) on the 1a message of ballot bal: if bal is above every ballot a has joined, a
 * joins it (maxBal) and reports its latest vote, promising not to vote below bal.
 */
export function phase1b(s: LamportState, acc: number, bal: number): LamportState | null {
  if (!s.msgs.some((m) => m.type === "1a" && m.bal === bal) || !(bal > s.maxBal[acc]!)) return null;
  const maxBal = replaceAt(s.maxBal, acc, bal);
  const m: Msg1b = { type: "1b", acc, bal, mbal: s.maxVBal[acc]!, mval: s.maxVal[acc]! };
  return { ...s, maxBal, msgs: send(s.msgs, m) };
}

/**
 * The values Phase2a(b, v) may propose: none if a 2a message for b was sent already;
 * otherwise, for each quorum Q all of whose members sent a 1b for b, the value of the
 * highest-ballot vote they reported, or every value if none of them voted.
 */
export function phase2aValues(s: LamportState, acceptors: number, values: number, bal: number): Set<number> {
  const allowed = new Set<number>();
  if (s.msgs.some((m) => m.type === "2a" && m.bal === bal)) return allowed;
  const oneBs = s.msgs.filter((m): m is Msg1b => m.type === "1b" && m.bal === bal);
  for (const q of quorums(acceptors)) {
    const q1b = oneBs.filter((m) => q.includes(m.acc));
    if (!q.every((a) => q1b.some((m) => m.acc === a))) continue;
    const q1bv = q1b.filter((m) => m.mbal >= 0);
    if (q1bv.length === 0) for (let v = 0; v < values; v++) allowed.add(v);
    for (const m of q1bv) if (q1bv.every((mm) => m.mbal >= mm.mbal)) allowed.add(m.mval!);
  }
  return allowed;
}

export function phase2a(s: LamportState, acceptors: number, values: number, bal: number, val: number): LamportState | null {
  if (!phase2aValues(s, acceptors, values, bal).has(val)) return null;
  return { ...s, msgs: send(s.msgs, { type: "2a", bal, val }) };
}

/**
 * Phase2b(a) on the 2a message (bal, val): if a has not joined a higher ballot, it votes for
 * val in bal, recording the vote in maxVBal/maxVal, and announces it with a 2b message.
 */
export function phase2b(s: LamportState, acc: number, bal: number, val: number): LamportState | null {
  if (!s.msgs.some((m) => m.type === "2a" && m.bal === bal && m.val === val) || !(bal >= s.maxBal[acc]!)) return null;
  return {
    maxBal: replaceAt(s.maxBal, acc, bal),
    maxVBal: replaceAt(s.maxVBal, acc, bal),
    maxVal: replaceAt(s.maxVal, acc, val),
    msgs: send(s.msgs, { type: "2b", acc, bal, val }),
  };
}

/** Every majority of 0..acceptors-1, as sorted index lists (the spec's Quorum). */
export function quorums(acceptors: number): number[][] {
  const size = majority(acceptors);
  const out: number[][] = [];
  for (let mask = 0; mask < 1 << acceptors; mask++) {
    const members = [...Array(acceptors).keys()].filter((a) => mask & (1 << a));
    if (members.length >= size) out.push(members);
  }
  return out;
}
