// What a partition keeps for the liveness check (liveness.ts): the explored graph's edges, and
// for each state whether some weakly fair action leads from it to another state. A state with
// no such exit can be stayed in for ever by a fair run, so the check needs that one bit per
// state, recorded while the state is expanded; everything else it asks of the few states that
// matter (the object state, its stored identity) through this interface.
import { doubled, doublingPeak, unbudgeted, type Reserve } from "./held-memory.ts";

/** The explored graph of one partition in this thread, as the liveness check reads it. */
export interface LivenessGraph {
  readonly count: number;
  /** Initial states are 0 .. initialCount-1. */
  readonly initialCount: number;
  /** Successors of state i: targets[start[i] .. start[i + 1]) (a step back into i may be absent). */
  readonly start: Int32Array;
  readonly targets: Int32Array;
  /** 1 where some weakly fair action leads from the state to a different state. */
  readonly fairExit: Uint8Array;
  /** Whether liveness property number `property` holds in state i. */
  goal(property: number, state: number): boolean;
  /** State i as the object model's state. */
  stateOf(state: number): unknown;
  /** The identity state i is stored under (packed words, or a fingerprint). */
  target(state: number): Int32Array;
}

/** One byte per state, set while states are expanded in index order. */
export class FairExits {
  private bits = new Uint8Array(1 << 12);

  constructor(private readonly reserve: Reserve = unbudgeted) {}

  bytes(): number {
    return this.bits.length;
  }

  /** Bytes held at most once any of states 0 .. states-1 is set. */
  peakBytes(states: number): number {
    return doublingPeak(0, this.bits.length, states, 1);
  }

  set(state: number): void {
    if (state >= this.bits.length) this.bits = doubled(this.bits, state + 1, this.reserve, "the fair exits");
    this.bits[state] = 1;
  }

  /** The bits of states 0 .. count-1. */
  toArray(count: number): Uint8Array {
    const out = new Uint8Array(count);
    out.set(this.bits.subarray(0, Math.min(count, this.bits.length)));
    return out;
  }
}
