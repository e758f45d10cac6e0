// The explored graph's edges in compressed form (CSR): states are expanded in index order,
// so the successors of state i are the contiguous run targets[start[i] .. start[i + 1]).
// Two typed arrays instead of one array per state: a few bytes per edge.
import { doubled, doublingPeak, unbudgeted, type Held, type Reserve } from "./held-memory.ts";

export class EdgeList implements Held {
  private targets: Int32Array = new Int32Array(1 << 12);
  private length = 0;
  private starts: Int32Array = new Int32Array(1 << 10);
  private expanded = 0;

  constructor(private readonly reserve: Reserve = unbudgeted) {}

  /** Bytes allocated. */
  bytes(): number {
    return (this.targets.length + this.starts.length) * 4;
  }

  /** Bytes held at most while `more` states are expanded and `more` edges added. */
  peakBytes(more: number): number {
    return doublingPeak(this.length, this.targets.length, more, 4) + doublingPeak(this.expanded + 1, this.starts.length, more, 4);
  }

  /** Starts the successors of the next state in index order. */
  beginState(): void {
    if (this.expanded + 1 >= this.starts.length) this.starts = doubled(this.starts, 0, this.reserve, "the edge list's starts");
    this.starts[this.expanded++] = this.length;
  }

  add(to: number): void {
    if (this.length >= this.targets.length) this.targets = doubled(this.targets, 0, this.reserve, "the edge list");
    this.targets[this.length++] = to;
  }

  /** Predecessor lists, in the same compressed form, for the `states` states. */
  reverse(states: number): { start: Int32Array; sources: Int32Array } {
    const start = new Int32Array(states + 1);
    for (let i = 0; i < this.length; i++) start[this.targets[i]! + 1]!++;
    for (let i = 0; i < states; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, states);
    const sources = new Int32Array(this.length);
    this.forEach((from, to) => (sources[fill[to]!++] = from));
    return { start, sources };
  }

  /** Successor lists for the `states` states: the targets of state i are targets[start[i] .. start[i + 1]). */
  forward(states: number): { start: Int32Array; targets: Int32Array } {
    const start = new Int32Array(states + 1);
    for (let i = 0; i < states; i++) start[i] = i < this.expanded ? this.starts[i]! : this.length;
    start[states] = this.length;
    return { start, targets: this.targets.subarray(0, this.length) };
  }

  /** Every edge as (source, target) pairs, the source renamed by `sourceId`. */
  pairs(sourceId: (local: number) => number): Int32Array {
    const out = new Int32Array(this.length * 2);
    let k = 0;
    this.forEach((from, to) => {
      out[k++] = sourceId(from);
      out[k++] = to;
    });
    return out;
  }

  private forEach(f: (from: number, to: number) => void): void {
    for (let from = 0; from < this.expanded; from++) {
      const end = from + 1 < this.expanded ? this.starts[from + 1]! : this.length;
      for (let e = this.starts[from]!; e < end; e++) f(from, this.targets[e]!);
    }
  }
}
