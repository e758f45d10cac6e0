// The first divergence of a depth-first walk need not be the shortest: the walk goes deep
// before it goes wide. Walking again one step shallower either finds a shorter divergence (and
// repeats) or conforms, which proves that no shorter one exists within the same bounds.
import { runConformance, type ConformanceOptions, type ConformanceResult } from "./run.ts";

export type Shortest = {
  /** The run that found the shortest divergence (the first run when nothing shorter exists). */
  readonly result: ConformanceResult;
  /** Walks one step shallower that were needed to know it, the last of them conforming. */
  readonly rewalks: number;
};

export async function shortestDivergence(o: ConformanceOptions, first: ConformanceResult): Promise<Shortest> {
  let result = first;
  let rewalks = 0;
  while (result.divergence && result.divergence.path.length > 1) {
    const shallower = await runConformance({ ...o, depth: result.divergence.path.length - 1 });
    rewalks++;
    if (shallower.conforms) break;
    result = shallower;
  }
  return { result, rewalks };
}
