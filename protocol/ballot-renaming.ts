// Lockstep up to a renaming of ballots. An implementation may number its ballots otherwise than
// the model (a proposer that skips rounds) and still take the model's steps: what Paxos needs of
// ballots is only their order and their owner. So each ballot the model starts is paired with
// the one the implementation starts in the same step, and everything after is compared through
// the pairs. A pair that changes the owner, reuses a ballot of the implementation, or breaks the
// order of the pairs before it, is no such renaming: that step is not a behaviour of the model.
import type { Ballot, Message, Vote } from "./messages.ts";
import { compareBallots, formatBallot } from "./ballot.ts";
import { hasOwner } from "./ballot-shapes.ts";

/** What became of the ballot a step started on the model (BallotRenaming.pairStarted). */
export type Started =
  | { readonly kind: "paired" }
  /** The one new ballot of the implementation, which is no renaming of the model's (`why`). */
  | { readonly kind: "no-renaming"; readonly impl: Ballot; readonly why: string }
  /** Several new ballots. */
  | { readonly kind: "several"; readonly started: readonly Ballot[] }
  /** No new ballot: only those it prepared before, again (`reused`, empty when none at all). */
  | { readonly kind: "none"; readonly reused: readonly Ballot[] };

const relation = (c: number) => (c < 0 ? "below" : c > 0 ? "above" : "equal to");

export class BallotRenaming {
  private readonly toImpl = new Map<string, Ballot>();
  private readonly toModel = new Map<string, Ballot>();
  private readonly pairs: (readonly [model: Ballot, impl: Ballot])[] = [];

  /** Whether the implementation's ballot `b` is paired with one of the model's. */
  has(impl: Ballot): boolean {
    return this.pairs.some(([, i]) => compareBallots(i, impl) === 0);
  }

  /** The implementation's name for a model ballot (the same until paired). */
  ballot(b: Ballot): Ballot;
  ballot(b: Ballot | null): Ballot | null;
  ballot(b: Ballot | null): Ballot | null {
    return b === null ? null : (this.toImpl.get(formatBallot(b)) ?? b);
  }

  /** The model's ballot paired with the implementation's `b`; null when `b` was never started (no pair). */
  modelBallot(b: Ballot): Ballot | null {
    return this.toModel.get(formatBallot(b)) ?? null;
  }

  vote(v: Vote | null): Vote | null {
    return v === null ? null : { ballot: this.ballot(v.ballot), value: v.value };
  }

  /** A model message as the implementation names it: the very same message when no pair renames it. */
  message(m: Message): Message {
    const renamed = this.rename(m);
    return sameBallots(renamed, m) ? m : renamed;
  }

  private rename(m: Message): Message {
    switch (m.type) {
      case "promise":
        return { ...m, ballot: this.ballot(m.ballot), voted: this.vote(m.voted) };
      case "nack":
        return { ...m, ballot: this.ballot(m.ballot), promised: this.ballot(m.promised) };
      default:
        return { ...m, ballot: this.ballot(m.ballot) };
    }
  }

  /**
   * Pairs the ballot a step started on the model with the one, among the ballots of the
   * implementation's Prepares, that is not paired yet.
   */
  pairStarted(model: Ballot, prepared: Iterable<Ballot>): Started {
    const distinct = new Map<string, Ballot>();
    for (const b of prepared) distinct.set(formatBallot(b), b);
    const fresh = [...distinct.values()].filter((b) => !this.has(b));
    if (fresh.length > 1) return { kind: "several", started: fresh };
    if (fresh.length === 0) return { kind: "none", reused: [...distinct.values()] };
    const why = this.pair(model, fresh[0]!);
    return why === null ? { kind: "paired" } : { kind: "no-renaming", impl: fresh[0]!, why };
  }

  /** Pairs the ballot the model started with the implementation's: null, or why that is no renaming. */
  pair(model: Ballot, impl: Ballot): string | null {
    const [m, i] = [formatBallot(model), formatBallot(impl)];
    // A ballot nobody owns (a bare number any proposer may pick) may stand for any proposer's.
    if (hasOwner(impl) && model.proposer !== impl.proposer) return `the model's ballot ${m} is ${model.proposer}'s, the implementation's ${i} is ${impl.proposer}'s`;
    if (this.has(impl)) return `the implementation starts ballot ${i} again`;
    for (const [pm, pi] of this.pairs) {
      const [want, got] = [compareBallots(model, pm), compareBallots(impl, pi)];
      if (want !== got) return `the implementation's ballot ${i} is ${relation(got)} its ${formatBallot(pi)}, but the model's ${m} is ${relation(want)} ${formatBallot(pm)}`;
    }
    this.pairs.push([model, impl]);
    this.toImpl.set(m, impl);
    this.toModel.set(i, model);
    return null;
  }
}

const same = (a: Ballot | null, b: Ballot | null) => a === b || (a !== null && b !== null && compareBallots(a, b) === 0);

/** Whether a renamed message names the same ballots as the original. */
function sameBallots(a: Message, b: Message): boolean {
  if (!same(a.ballot, b.ballot)) return false;
  if (a.type === "promise" && b.type === "promise") return same(a.voted?.ballot ?? null, b.voted?.ballot ?? null);
  if (a.type === "nack" && b.type === "nack") return same(a.promised, b.promised);
  return true;
}
