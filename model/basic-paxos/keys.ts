// Canonical sort keys: arrays in the state are kept sorted by these, so equal states are
// equal as JSON whatever order their parts arrived in.
import type { Ballot, Message, Vote } from "../../protocol/messages.ts";

export function ballotKey(b: Ballot | null): string {
  return b === null ? "-" : `${String(b.round).padStart(3, "0")}.${b.proposer}`;
}

export function voteKey(v: Vote | null): string {
  return v === null ? "-" : `${ballotKey(v.ballot)}=${v.value}`;
}

export function messageKey(m: Message): string {
  switch (m.type) {
    case "prepare":
      return `1a|${ballotKey(m.ballot)}|${m.from}`;
    case "promise":
      return `1b|${ballotKey(m.ballot)}|${m.from}|${voteKey(m.voted)}`;
    case "accept":
      return `2a|${ballotKey(m.ballot)}|${m.from}|${m.value}`;
    case "accepted":
      return `2b|${ballotKey(m.ballot)}|${m.from}|${m.value}`;
    case "nack":
      return `nk|${ballotKey(m.ballot)}|${m.from}|${ballotKey(m.promised)}`;
  }
}

export function inFlightKey(e: { readonly to: string; readonly msg: Message }): string {
  return keyInFlight(messageKey(e.msg), e.to);
}

/** inFlightKey from a message's key already worked out. */
export function keyInFlight(messageKey: string, to: string): string {
  return `${messageKey}>${to}`;
}

// Sort keys of the ghost history and of the learner's acks.
export const castVoteKey = (v: { ballot: Ballot; acceptor: string; value: string }) => `${ballotKey(v.ballot)}|${v.acceptor}|${v.value}`;
export const sentPromiseKey = (p: { ballot: Ballot; acceptor: string; voted: Vote | null }) => `${ballotKey(p.ballot)}|${p.acceptor}|${voteKey(p.voted)}`;
export const proposalKey = (p: { ballot: Ballot; value: string }) => `${ballotKey(p.ballot)}|${p.value}`;
export const ackKey = (a: { ballot: Ballot; from: string; value: string }) => `${ballotKey(a.ballot)}|${a.from}|${a.value}`;

/**
 * `items` sorted as `.sort(byKey(key))` sorts them (the same order, ties kept), with each key
 * worked out once instead of at every comparison: for renamings, which sort whole arrays.
 */
export function sortedByKey<T>(items: readonly T[], key: (t: T) => string): T[] {
  const keyed = items.map((item) => ({ item, k: key(item) }));
  keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0));
  return keyed.map((x) => x.item);
}

export function byKey<T>(key: (t: T) => string): (x: T, y: T) => number {
  return (x, y) => {
    const kx = key(x);
    const ky = key(y);
    return kx < ky ? -1 : kx > ky ? 1 : 0;
  };
}
