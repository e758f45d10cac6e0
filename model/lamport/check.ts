// One call for `synod check --model lamport`: the packed engine, in parallel when asked.
// The CLI passes its flags; the result is the same ExploreResult every engine returns, with
// states and actions in the object model's words (LamportState, LamportAction).
import { explorePacked, type PackedExploreOptions } from "../../checker/explore-packed.ts";
import { explorePackedParallel } from "../../checker/explore-parallel.ts";
import type { ExploreResult } from "../../checker/result.ts";
import type { LamportAction } from "./actions.ts";
import { LamportConfig } from "./config.ts";
import { createPackedLamport } from "./packed.ts";
import { lamportPackedSpec } from "./packed-spec.ts";
import type { LamportState } from "./state.ts";

export type LamportCheckOptions = PackedExploreOptions & { readonly workers?: number };

export async function checkLamport(config: LamportConfig, options: LamportCheckOptions = {}): Promise<ExploreResult<LamportState, LamportAction>> {
  const c = LamportConfig.parse(config);
  const { workers = 1, ...rest } = options;
  if (workers > 1) return explorePackedParallel<LamportState, LamportAction>(lamportPackedSpec(c), { ...rest, workers });
  return explorePacked(createPackedLamport(c), rest);
}
