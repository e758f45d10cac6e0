// The explored graph's edges by source, in expansion order: the targets of every state one
// after another, and where each state's targets begin. Both lists are chunks that never move
// (chunked-ints.ts): a run of billions of edges holds 4 bytes an edge and 4 a state, never an
// old copy beside a doubled one. A state's start is kept modulo 2^32, which still gives its
// number of targets exactly; the position itself, past 2^32, is counted while reading in order.
import { ChunkedInts } from "./chunked-ints.ts";
import { unbudgeted, type Held, type Reserve } from "./held-memory.ts";

const TWO_32 = 2 ** 32;

export class EdgeList implements Held {
  private readonly targets: ChunkedInts;
  private readonly starts: ChunkedInts;

  constructor(reserve: Reserve = unbudgeted) {
    this.targets = new ChunkedInts(reserve, "the edge list");
    this.starts = new ChunkedInts(reserve, "the edge list's starts");
  }

  /** Edges recorded. */
  get count(): number {
    return this.targets.length;
  }

  /** Bytes allocated. */
  bytes(): number {
    return this.targets.bytes() + this.starts.bytes();
  }

  /** Bytes held at most while `more` states are expanded and `more` edges added. */
  peakBytes(more: number): number {
    return this.targets.peakBytes(more) + this.starts.peakBytes(more);
  }

  /** Starts the successors of the next state in index order. */
  beginState(): void {
    this.starts.push(this.targets.length % TWO_32 | 0);
  }

  add(to: number): void {
    this.targets.push(to);
  }

  /**
   * Calls f(from, to) for every edge, the highest-numbered source first. States are numbered
   * in breadth-first order, so an edge's target mostly comes after its source: a pass in this
   * order meets most targets before their sources.
   */
  forEachDown(f: (from: number, to: number) => void): void {
    const targets = this.targets.parts();
    const starts = this.starts.parts();
    let part = targets.length - 1;
    let left = part >= 0 ? targets[part]!.length : 0;
    let next = this.targets.length % TWO_32 | 0;
    let from = this.starts.length - 1;
    for (let s = starts.length - 1; s >= 0; s--) {
      const chunk = starts[s]!;
      for (let j = chunk.length - 1; j >= 0; j--, from--) {
        let degree = (next - chunk[j]!) >>> 0;
        next = chunk[j]!;
        while (degree > 0) {
          if (left === 0) left = targets[--part]!.length;
          const t = targets[part]!;
          const stop = Math.max(0, left - degree);
          degree -= left - stop;
          while (left > stop) f(from, t[--left]!);
        }
      }
    }
  }

  /** Successor lists for the `states` states, copied into two arrays: the targets of state i are targets[start[i] .. start[i + 1]). */
  forward(states: number): { start: Int32Array; targets: Int32Array } {
    if (this.targets.length >= 2 ** 31) throw new Error(`${this.targets.length} edges do not fit one array of successor lists`);
    const targets = new Int32Array(this.targets.length);
    let at = 0;
    for (const part of this.targets.parts()) {
      targets.set(part, at);
      at += part.length;
    }
    const start = new Int32Array(states + 1);
    let i = 0;
    for (const part of this.starts.parts()) for (const s of part) start[i++] = s;
    for (; i <= states; i++) start[i] = targets.length;
    return { start, targets };
  }

  /** Every edge as (source, target) pairs, the source renamed by `sourceId`. */
  pairs(sourceId: (local: number) => number): Int32Array {
    const out = new Int32Array(this.targets.length * 2);
    let k = out.length;
    this.forEachDown((from, to) => {
      out[--k] = to;
      out[--k] = sourceId(from);
    });
    return out;
  }
}
