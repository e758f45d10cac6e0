// The explored graph's edges by source, in expansion order: the targets of every state one
// after another, and where each state's targets begin. Both lists are chunks that never move
// (chunked-ints.ts): a run of billions of edges holds 4 bytes an edge and 4 a state, never an
// old copy beside a doubled one. A state's start is kept modulo 2^32 (`| 0`), which still gives
// its number of targets exactly; the position itself, past 2^32, is counted while reading in order.
import { ChunkedInts } from "./chunked-ints.ts";
import { unbudgeted, type Held, type Reserve } from "./held-memory.ts";

export class EdgeList implements Held {
  private readonly targets: ChunkedInts;
  private readonly starts: ChunkedInts;

  /** `memoryBytes`: what the two lists keep in memory; past it their later chunks go to disk. */
  constructor(reserve: Reserve = unbudgeted, memoryBytes = Infinity) {
    // A state has several edges: its start gets a fifth of the memory.
    this.targets = new ChunkedInts(reserve, "the edge list", { memoryBytes: memoryBytes * 0.8 });
    this.starts = new ChunkedInts(reserve, "the edge list's starts", { memoryBytes: memoryBytes * 0.2 });
  }

  /** Bytes written to disk. */
  get spilledBytes(): number {
    return this.targets.spilledBytes + this.starts.spilledBytes;
  }

  /** Removes what is on disk. */
  dispose(): void {
    this.targets.dispose();
    this.starts.dispose();
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
    this.starts.push(this.targets.length | 0);
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
    const targetsDown = this.targets.partsDown();
    const startsDown = this.starts.partsDown();
    let t: Int32Array = new Int32Array(0);
    let left = 0;
    let next = this.targets.length | 0;
    let from = this.starts.length - 1;
    for (let chunk = startsDown(); chunk; chunk = startsDown()) {
      for (let j = chunk.length - 1; j >= 0; j--, from--) {
        let degree = (next - chunk[j]!) >>> 0;
        next = chunk[j]!;
        while (degree > 0) {
          if (left === 0) {
            t = targetsDown()!;
            left = t.length;
          }
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
    let at = targets.length;
    const targetsDown = this.targets.partsDown();
    for (let part = targetsDown(); part; part = targetsDown()) targets.set(part, (at -= part.length));
    const start = new Int32Array(states + 1);
    at = this.starts.length;
    const startsDown = this.starts.partsDown();
    for (let part = startsDown(); part; part = startsDown()) start.set(part, (at -= part.length));
    for (let i = this.starts.length; i <= states; i++) start[i] = targets.length;
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
