// For docs/invariants.md: for a property, a shortest counterexample from the smallest unsafe
// catalogue variants known to break it, each explored under its catalogue config. Variants are
// tried under a small state budget first and a larger one only if none fits, so that the
// generator (and the staleness test) never pays for the largest spaces; docs/catalogue.md has
// every variant. Deterministic, so the page is stable; cached, since several callers ask.
import { check } from "../../checker/check.ts";
import { catalogue, variantConfig } from "../../model/basic-paxos/catalogue.ts";
import { definition } from "../../model/basic-paxos/definition.ts";

export type Break = { readonly variant: string; readonly kind: string; readonly message: string; readonly steps: readonly string[] };

/** State budgets, tried in turn until some variant breaks the property within one. */
const BUDGETS = [5_000, 50_000];
const cache = new Map<string, Promise<Break | null>>();

export async function shortestBreak(property: string): Promise<Break | undefined> {
  if (!cache.has(property)) cache.set(property, find(property));
  return (await cache.get(property)) ?? undefined;
}

async function find(property: string): Promise<Break | null> {
  for (const budget of BUDGETS) {
    const found = await shortestWithin(property, budget);
    if (found) return found;
  }
  return null;
}

async function shortestWithin(property: string, maxStates: number): Promise<Break | null> {
  let best: Break | null = null;
  for (const v of catalogue.filter((c) => !c.safe && c.breaks === property)) {
    const config = variantConfig(v);
    const model = definition.create(config, v.name);
    const cx = (await check({ definition, config, variant: v.name }, { maxStates })).violation;
    if (!cx || cx.property !== property) continue;
    if (best && best.steps.length <= cx.steps.length) continue;
    best = { variant: v.name, kind: cx.kind, message: cx.message, steps: cx.steps.map((s) => model.describeAction(s.action)) };
  }
  return best;
}
