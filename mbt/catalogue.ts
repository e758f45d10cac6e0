// The implementation's bug catalogue under lockstep: every bug of protocol/catalogue.ts the
// implementation has (a variant of harness/impl-variants.ts, or correct Paxos with node options a
// real deployment turns on), with the model config it is tested under, and a run of the lockstep
// property that says whether it was caught, after how many schedules, how long it took and how
// long the shrunk schedule is. Unsafe entries must be caught; safe look-alikes must pass.
import type { ModelConfig } from "../model/basic-paxos/config.ts";
import { parseModelConfig } from "../model/basic-paxos/config.ts";
import { bugs, type Bug } from "../protocol/catalogue.ts";
import { isSafeVariant, VariantName, variants } from "../harness/impl-variants.ts";
import { checkLockstep, type LockstepResult, type PropertyBudget } from "./property.ts";
import type { StorageKind } from "./schedule.ts";
import type { LockstepOptions, StepOutcome } from "./lockstep.ts";

/** Budgets for every fault lockstep drives: proposes, two retries, two losses, duplicates, a crash of each kind. */
export const LOCKSTEP_CONFIG: ModelConfig = parseModelConfig({
  acceptors: 3, proposers: 2, retries: 2, loss: true, losses: 2, duplication: true,
  proposerCrashes: 1, acceptorCrashes: 1, acceptorStateLoss: false, nacks: false,
});

/** No faults and no duplicates: schedules spend every step on the protocol itself. */
const noFaults = { acceptors: 3, loss: false, losses: 0, duplication: false, proposerCrashes: 0, acceptorCrashes: 0, acceptorStateLoss: false, nacks: false };

/**
 * Bugs whose catch needs a particular race get a config that makes it likely (as the model's
 * catalogue does): a reported vote needs a second proposer; two different reported votes need a
 * third; Accepted messages from two ballots of one learner need a retry; a vote lost in a crash
 * needs the crash.
 */
const focused: Partial<Record<VariantName, ModelConfig>> = {
  "ignore-reported-votes": parseModelConfig({ ...noFaults, proposers: 2, retries: 0 }),
  "lowest-reported-vote": parseModelConfig({ ...noFaults, proposers: 3, retries: 0 }),
  "learner-mixes-ballots": parseModelConfig({ ...noFaults, proposers: 1, retries: 1 }),
  "first-reported-vote": parseModelConfig({ ...noFaults, proposers: 3, retries: 0 }),
  "recovery-promise-from-vote": parseModelConfig({ ...noFaults, proposers: 2, retries: 1, acceptorCrashes: 1 }),
  // The vote lost needs an acceptor crash right after its Accepted left: the broad config's many
  // faults thin such schedules out (caught there after hundreds of runs, here after a few).
  "vote-after-reply": parseModelConfig({ ...noFaults, proposers: 2, retries: 1, acceptorCrashes: 1 }),
};

/**
 * Configurations the correct implementation also runs under (the verified envelope, docs/ci.md):
 * the races that find the bug families the broad LOCKSTEP_CONFIG thins out.
 */
export const focusConfigs = {
  /** Votes of different ballots reported in one quorum need three ballots. */
  "three-proposers": parseModelConfig({ ...noFaults, proposers: 3, retries: 0 }),
  /** An acceptor that voted, then promised higher, crashes and restarts. */
  "acceptor-crash": parseModelConfig({ ...noFaults, proposers: 2, retries: 1, acceptorCrashes: 1 }),
} as const satisfies Record<string, ModelConfig>;
export type FocusName = keyof typeof focusConfigs;

/** The model config a lockstep run of `variant` uses: the focused one asked for, else the catalogue's. */
export function lockstepConfig(variant: VariantName, focus?: FocusName): ModelConfig {
  return focus ? focusConfigs[focus] : catalogueEntry(variant).config;
}

export const DEFAULT_BUDGET: PropertyBudget = { runs: 1000, seed: 1, maxSteps: 40, maxShrinkRuns: 300 };

export type ImplCatalogueEntry = {
  /** The bug's name (protocol/catalogue.ts). */
  readonly name: string;
  /** The implementation variant it runs: the bug's own, or "correct" with options. */
  readonly variant: VariantName;
  readonly summary: string;
  readonly safe: boolean;
  readonly config: ModelConfig;
  /** Lockstep options beyond the variant: the TCP store's proposer shortcuts, and how they are judged. */
  readonly options?: Pick<LockstepOptions, "shortcuts" | "modelRules" | "judge">;
};

/**
 * The proposer as the TCP store runs it (impl/tcp-store.ts turns the shortcuts on): phase 2a to
 * every acceptor, which the model mirrors with its acceptToPromisers rule off; and learning a value
 * from a quorum of promises that report one vote in one ballot, skipping phase 2. The model has no
 * such rule, so that difference is by design: lockstep judges this entry by the invariants on both
 * sides, and a model delivery of an Accept the implementation never sent runs on the model alone.
 */
const shortcutsOptions: ImplCatalogueEntry["options"] = { shortcuts: true, modelRules: { acceptToPromisers: false }, judge: "invariants" };

/** The entry of an implementation variant ("correct" included): its summary, the config it is tested under. */
export function catalogueEntry(variant: VariantName): ImplCatalogueEntry {
  // Accepts routed to every acceptor are how the variant is deployed, not its bug: the model routes them so too.
  const routing = variants[variant].rules?.acceptToPromisers === false ? { options: { modelRules: { acceptToPromisers: false } } } : {};
  return { name: variant, variant, summary: variants[variant].summary, safe: isSafeVariant(variant), config: focused[variant] ?? LOCKSTEP_CONFIG, ...routing };
}

/**
 * A bug the implementation has as a variant runs that variant; one it has as options of correct
 * Paxos runs "correct" with them. Nacks come from the model's config, which lockstep gives both
 * sides, and are judged by the invariants too: on a Nack the implementation's proposer starts its
 * next ballot above the promise the Nack reports, while the model's ignores it, so their ballots
 * part by design at the next timeout.
 */
function entryOf(bug: Bug): ImplCatalogueEntry | [] {
  const { impl } = bug;
  if (impl.kind === "absent") return [];
  if (impl.kind !== "options") return catalogueEntry(VariantName.parse(bug.name));
  const config = impl.nack ? { ...LOCKSTEP_CONFIG, nacks: true } : LOCKSTEP_CONFIG;
  return { name: bug.name, variant: "correct", summary: bug.summary, safe: bug.safe, config, options: impl.shortcuts ? shortcutsOptions : { judge: "invariants" } };
}

/** Every bug the implementation has, in the table's order. */
export const implCatalogue: readonly ImplCatalogueEntry[] = bugs.flatMap(entryOf);

export const shortcutsEntry: ImplCatalogueEntry = implCatalogue.find((e) => e.name === "tcp-store-shortcuts")!;

/** What caught a failure: "divergence" when an observable differed, then the properties broken on each side. */
export function caughtBy(failed: StepOutcome): string {
  const parts = failed.differences.length > 0 && failed.judge === "observables" ? ["divergence"] : [];
  for (const b of failed.broken) parts.push(`${b.property} on the ${b.side === "impl" ? "implementation" : "model"}`);
  return parts.join(" + ");
}

export type CatalogueResult = {
  readonly entry: ImplCatalogueEntry;
  /** Caught if unsafe, passed if safe. */
  readonly asExpected: boolean;
  readonly caughtBy: string | null;
  readonly shrunkSteps: number | null;
  readonly result: LockstepResult;
};

export async function runCatalogueEntry(entry: ImplCatalogueEntry, budget: PropertyBudget = DEFAULT_BUDGET, storage: StorageKind = "memory"): Promise<CatalogueResult> {
  const result = await checkLockstep({ config: entry.config, variant: entry.variant, storage, ...entry.options }, budget);
  const failed = result.failure?.run.failed ?? null;
  return {
    entry,
    asExpected: entry.safe === result.passed,
    caughtBy: failed ? caughtBy(failed) : null,
    shrunkSteps: failed ? failed.step : null,
    result,
  };
}

/** One line per variant, as the verify stage and `synod mbt --catalogue` print it. */
export function formatCatalogueLine(r: CatalogueResult): string {
  const head = `${r.asExpected ? "ok  " : "FAIL"} ${r.entry.name.padEnd(30)}`;
  const figures = `${r.result.runs} runs, ${r.result.seconds.toFixed(1)} s`;
  const judged = r.entry.options?.judge === "invariants" ? " (judged by invariants)" : "";
  // A look-alike that fails has been caught breaking something: a bug in the implementation (or a
  // look-alike that is not safe after all), reported as a catch with what caught it.
  if (r.entry.safe) return `${head} safe look-alike${judged}: ${r.result.passed ? `passed ${figures}` : `caught by ${r.caughtBy} after ${figures}, shrunk to ${r.shrunkSteps} steps: a bug in the implementation or a look-alike that is not safe`}`;
  return `${head} unsafe: ${r.caughtBy ? `caught by ${r.caughtBy} after ${figures}, shrunk to ${r.shrunkSteps} steps` : `NOT caught in ${figures}`}`;
}
