// The rules of a variant (model/rules.ts), evaluated once per argument the packed state can
// hold and kept in tables, so that the packed successors run the very same rule functions
// as the object model, whatever variant is checked.
import type { Rules } from "../../../protocol/rules.ts";
import type { Ballot } from "../../../protocol/messages.ts";
import type { PromiseReceived } from "../state.ts";
import type { PaxosCodec } from "./codec.ts";
import type { PaxosLayout } from "./layout.ts";

export class RuleTables {
  /** promiseAllowed[b * (NB + 1) + promised]: promised is 0 for none, else ballot + 1. */
  readonly promiseAllowed: Uint8Array;
  readonly acceptAllowed: Uint8Array;
  readonly quorum: number;
  readonly countBySender: boolean;
  readonly restartKeepsRound: boolean;
  readonly learnerSameBallot: boolean;
  readonly acceptToPromisers: boolean;
  readonly acceptRaisesPromise: boolean;
  /**
   * recovered[promised * (NB + 1) + accepted]: what recoverAcceptor gives back, as promised * (NB + 1)
   * + accepted (0 for none, else ballot + 1); the vote it keeps must be the one written.
   */
  readonly recovered: Int32Array;
  private readonly chosen = new Map<number, number>();
  private readonly codes: number;

  constructor(private readonly L: PaxosLayout, private readonly codec: PaxosCodec, private readonly rules: Rules) {
    const n = L.NB + 1;
    this.promiseAllowed = new Uint8Array(L.NB * n);
    this.acceptAllowed = new Uint8Array(L.NB * n);
    for (let b = 0; b < L.NB; b++) {
      for (let promised = 0; promised < n; promised++) {
        const was = promised === 0 ? null : codec.ballot(promised - 1);
        this.promiseAllowed[b * n + promised] = rules.promiseAllowed(codec.ballot(b), was) ? 1 : 0;
        this.acceptAllowed[b * n + promised] = rules.acceptAllowed(codec.ballot(b), was) ? 1 : 0;
      }
    }
    this.quorum = rules.quorum(L.A);
    this.countBySender = rules.countBySender;
    this.restartKeepsRound = rules.restartKeepsRound;
    this.learnerSameBallot = rules.learnerSameBallot;
    this.acceptToPromisers = rules.acceptToPromisers;
    this.acceptRaisesPromise = rules.acceptRaisesPromise;
    this.recovered = new Int32Array(n * n);
    const code = (b: Ballot | null) => (b === null ? 0 : codec.ballotIndex(b) + 1);
    for (let promised = 0; promised < n; promised++) {
      for (let accepted = 0; accepted < n; accepted++) {
        const vote = accepted === 0 ? null : { ballot: codec.ballot(accepted - 1), value: codec.value(0) };
        const back = rules.recoverAcceptor({ promised: promised === 0 ? null : codec.ballot(promised - 1), accepted: vote });
        if (back.accepted !== null && (vote === null || code(back.accepted.ballot) !== accepted)) throw new Error("recoverAcceptor must keep the written vote or drop it: the packed encoding holds no other");
        this.recovered[promised * n + accepted] = code(back.promised) * n + code(back.accepted?.ballot ?? null);
      }
    }
    this.codes = 2 + L.NB * L.V;
  }

  /**
   * The value (index) proposer p proposes with `counts[a]` promises from each acceptor a,
   * reporting the vote of code `voteCodes[a]`: rules.chooseValue on the promises as the
   * object model holds them, remembered per distinct argument.
   */
  chooseValue(p: number, counts: Int32Array, voteCodes: Int32Array): number {
    const L = this.L;
    let key = p;
    let scale = L.P;
    for (let a = 0; a < L.A; a++) {
      key += (counts[a]! * this.codes + (counts[a]! > 0 ? voteCodes[a]! : 0)) * scale;
      scale *= (L.maxCount + 1) * this.codes;
    }
    let value = this.chosen.get(key);
    if (value === undefined) {
      const promises: PromiseReceived[] = [];
      for (let a = 0; a < L.A; a++) for (let n = 0; n < counts[a]!; n++) promises.push({ from: `a${a + 1}`, voted: this.codec.voteOf(voteCodes[a]!) });
      const input = this.codec.value(p);
      value = this.codec.valueIndex(this.rules.chooseValue(input, promises) ?? input);
      this.chosen.set(key, value);
    }
    return value;
  }
}
