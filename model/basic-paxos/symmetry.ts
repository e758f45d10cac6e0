// Symmetry over acceptors: acceptors are interchangeable (same code, same initial state,
// checks that never name one), so states that differ only by a renaming of acceptors behave
// alike. The representative of a class is its renaming with the least fingerprint; the checker then
// explores one state per class (proposers are not symmetric: each has its own value).
import type { InFlight, PaxosState, ProposerState } from "./state.ts";
import type { Message } from "../../protocol/messages.ts";
import { ackKey, byKey, castVoteKey, inFlightKey, sentPromiseKey, sortedByKey } from "./keys.ts";
import { canonicalHashInto } from "../../checker/canonical-hash.ts";

type Rename = (id: string) => string;

function renameMessage(m: Message, r: Rename): Message {
  return { ...m, from: r(m.from) } as Message;
}

function renameProposer(p: ProposerState, r: Rename): ProposerState {
  return {
    ...p,
    promises: p.promises.map((x) => ({ from: r(x.from), voted: x.voted })).sort(byKey((x) => x.from)),
    acks: p.acks.map((a) => ({ from: r(a.from), ballot: a.ballot, value: a.value })).sort(byKey(ackKey)),
  };
}

export function renameAcceptors(s: PaxosState, r: Rename): PaxosState {
  const network: InFlight[] = sortedByKey(
    s.network.map((e) => ({ to: r(e.to), msg: renameMessage(e.msg, r) })),
    inFlightKey,
  );
  return {
    ...s,
    acceptors: s.acceptors.map((a) => ({ ...a, id: r(a.id) })).sort(byKey((a) => a.id)),
    proposers: s.proposers.map((p) => renameProposer(p, r)),
    network,
    ghost: {
      votes: sortedByKey(
        s.ghost.votes.map((v) => ({ ...v, acceptor: r(v.acceptor) })),
        castVoteKey,
      ),
      promises: sortedByKey(
        s.ghost.promises.map((p) => ({ ...p, acceptor: r(p.acceptor) })),
        sentPromiseKey,
      ),
      proposals: s.ghost.proposals,
    },
  };
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** The renaming of the state with the least fingerprint: one representative per class. */
export function acceptorSymmetry(acceptorIds: readonly string[]): (s: PaxosState) => PaxosState {
  const renamings: Rename[] = permutations(acceptorIds).map((perm) => {
    const map = new Map(acceptorIds.map((id, i) => [id, perm[i]!]));
    return (id) => map.get(id) ?? id;
  });
  const key = new Int32Array(2);
  return (s) => {
    let best = s;
    let bestHi = 0;
    let bestLo = 0;
    renamings.forEach((r, i) => {
      const image = i === 0 ? s : renameAcceptors(s, r);
      canonicalHashInto(image, key);
      if (i === 0 || key[0]! < bestHi || (key[0] === bestHi && key[1]! < bestLo)) {
        best = image;
        bestHi = key[0]!;
        bestLo = key[1]!;
      }
    });
    return best;
  };
}
