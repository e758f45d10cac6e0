// The variables of Paxos.tla. Acceptors and values are indices here (a1 is 0, v1 is 0);
// -1 stands for the spec's -1 ballot and null for None.
//
// msgs is "the set of all messages ever sent": sending adds to it, nothing removes from it,
// so loss, duplication and reordering are all already there (a message may be received any
// number of times, or never). It is kept sorted by key, so equal sets are equal arrays.

export type Msg1a = { readonly type: "1a"; readonly bal: number };
export type Msg1b = { readonly type: "1b"; readonly acc: number; readonly bal: number; readonly mbal: number; readonly mval: number | null };
export type Msg2a = { readonly type: "2a"; readonly bal: number; readonly val: number };
export type Msg2b = { readonly type: "2b"; readonly acc: number; readonly bal: number; readonly val: number };
export type LamportMessage = Msg1a | Msg1b | Msg2a | Msg2b;

export type LamportState = {
  /** The highest ballot each acceptor has promised (participated in); -1 at first. */
  readonly maxBal: readonly number[];
  /** The ballot of each acceptor's latest vote; -1 if it never voted. */
  readonly maxVBal: readonly number[];
  /** The value of that vote; null (None) if it never voted. */
  readonly maxVal: readonly (number | null)[];
  readonly msgs: readonly LamportMessage[];
};

export function messageKey(m: LamportMessage): string {
  switch (m.type) {
    case "1a": return `1a:${m.bal}`;
    case "1b": return `1b:${m.acc}:${m.bal}:${m.mbal}:${m.mval ?? "-"}`;
    case "2a": return `2a:${m.bal}:${m.val}`;
    case "2b": return `2b:${m.acc}:${m.bal}:${m.val}`;
  }
}

/** Init: every acceptor at -1 / -1 / None, and no message sent. */
export function initialState(acceptors: number): LamportState {
  return { maxBal: Array(acceptors).fill(-1), maxVBal: Array(acceptors).fill(-1), maxVal: Array(acceptors).fill(null), msgs: [] };
}

/** Send(m): msgs' = msgs \cup {m}. Returns the same array when m was already sent. */
export function send(msgs: readonly LamportMessage[], m: LamportMessage): readonly LamportMessage[] {
  const key = messageKey(m);
  let lo = 0;
  let hi = msgs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const k = messageKey(msgs[mid]!);
    if (k === key) return msgs;
    if (k < key) lo = mid + 1;
    else hi = mid;
  }
  return [...msgs.slice(0, lo), m, ...msgs.slice(lo)];
}

/** The votes of Voting.tla, read from the 2b messages: acceptor a voted for v in ballot b. */
export function votedFor(s: LamportState, a: number, b: number, v: number): boolean {
  return s.msgs.some((m) => m.type === "2b" && m.acc === a && m.bal === b && m.val === v);
}

/** A copy of `xs` with index i set to x (Array.prototype.with, which ES2022 lacks). */
export function replaceAt<T>(xs: readonly T[], i: number, x: T): T[] {
  const out = xs.slice();
  out[i] = x;
  return out;
}
