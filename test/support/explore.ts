// Shorthands for tests that pin one representation: the object model alone, or a packed
// model, through the one engine (checker/check.ts) in this thread.
import { checkModel } from "../../checker/check.ts";
import type { Model } from "../../checker/model.ts";
import type { PackedModel } from "../../checker/packed-model.ts";
import type { CheckOptions, CheckResult } from "../../checker/result.ts";

export function explore<S, A>(model: Model<S, A>, options: CheckOptions = {}): Promise<CheckResult<S, A>> {
  return checkModel(model, { ...options, engine: "object" });
}

export function explorePacked<S, A>(pm: PackedModel<S, A>, options: CheckOptions = {}): Promise<CheckResult<S, A>> {
  return checkModel(pm.model, { ...options, engine: "packed" }, () => pm);
}
