// The lockstep driver: one model action at a time, applied to the model (model/next.ts) and to
// the implementation, which it reaches only through the target interface (a target run of
// harness/impl-target.ts, one key), as an outside implementation is reached; after each step the
// observables are compared (observe.ts) and every invariant and step property is checked on
// both sides through the same SystemView (invariants/broken.ts), the implementation's built from
// what the run observed. Used by the fast-check property (property.ts), `synod mbt`, the
// implementation side of `synod replay` and `synod conformance`.
//
// Exported API (kept stable; `synod conformance` builds on it):
//   createLockstep({ config, variant?, storage?, modelRules?, shortcuts?, judge? }) -> Promise<Lockstep>
//     lockstep.model      the model state now        lockstep.run      the target run of impl/
//     lockstep.commands() the actions possible next: every behaviour of the model, the
//                         deliveries it leaves out as stutters included (see below; next.ts
//                         behaviours, in its order), minus the few the implementation does not
//                         follow by design (notFollowed)
//     lockstep.step(a)    -> Promise<StepOutcome>; throws LockstepError when `a` is not possible
//                         or left out (notFollowed(state, a) says why)
//     lockstep.close()    stops the nodes (file storage closed)
//   replayOnImpl(options, actions) -> Promise<LockstepReplay>: the first step where model and
//     implementation part (differ, or a property breaks on either side), or that every step agreed.
//
// Stutters: the model leaves deliveries that change nothing out of enabledActions, to keep
// exploration small. They are still behaviours of the model (nothing changes), and several
// implementation bugs are visible only there (a Prepare answered twice, an Accept accepted
// below the promise, a duplicate reply counted twice), so `commands()` offers them too.
import type { Action } from "../model/basic-paxos/actions.ts";
import type { ModelConfig } from "../model/basic-paxos/config.ts";
import type { PaxosState } from "../model/basic-paxos/state.ts";
import type { Rules } from "../protocol/rules.ts";
import type { VariantName } from "../harness/impl-variants.ts";
import type { Message } from "../protocol/messages.ts";
import type { TargetConfig } from "../target/config.ts";
import { correctRules } from "../protocol/rules.ts";
import { initialState } from "../model/basic-paxos/state.ts";
import { behaviours, isPossible, successor, type Semantics } from "../model/basic-paxos/next.ts";
import { describeAction, describeChange } from "../model/basic-paxos/describe.ts";
import { toView } from "../model/basic-paxos/view.ts";
import type { SimCluster } from "../harness/sim-cluster.ts";
import { ImplCluster, implTarget } from "../harness/impl-target.ts";
import { TargetRun } from "../target/run.ts";
import { compareObservations, observeImpl, observeModel, type Difference } from "./observe.ts";
import { BallotRenaming } from "../protocol/ballot-renaming.ts";
import { formatBallot } from "../protocol/ballot.ts";
import type { Ballot } from "../protocol/messages.ts";
import { brokenProperties, type BrokenProperty } from "../invariants/broken.ts";
import { applyToImpl, LockstepError } from "./impl-commands.ts";

export { LockstepError } from "./impl-commands.ts";
export type { Difference } from "./observe.ts";
export type { BrokenProperty } from "../invariants/broken.ts";

/** The one key (register) every lockstep run uses: one Basic Paxos instance. */
export const LOCKSTEP_KEY = "k";

export type ImplStorage = "memory" | { readonly dir: string };

export type LockstepOptions = {
  /** Bounds and faults of the model; the cluster gets its acceptors, proposers and Nacks. */
  readonly config: ModelConfig;
  /** The implementation variant under test (harness/impl-variants.ts); default "correct". */
  readonly variant?: VariantName;
  readonly storage?: ImplStorage;
  /** Model rules replaced, for an implementation whose harmless difference the model can mirror. */
  readonly modelRules?: Partial<Rules>;
  /** The proposer shortcuts the TCP store runs with (impl/core/proposer.ts Shortcuts); default off. */
  readonly shortcuts?: boolean;
  /**
   * "observables" (default): a step is ok when nothing differs and nothing breaks. "invariants":
   * for an implementation that differs from the model by design (the shortcuts), differences are
   * reported but only broken properties fail a step, and a model delivery of a message the
   * implementation never sent runs on the model alone.
   */
  readonly judge?: "observables" | "invariants";
};

export type StepOutcome = {
  /** 1-based number of the step in this run. */
  readonly step: number;
  readonly action: Action;
  /** The action in the model's words (model/describe.ts). */
  readonly description: string;
  /** What the step changed in the model (model/describe.ts describeChange). */
  readonly changes: readonly string[];
  /** A delivery the model leaves out of its enabled actions because it changes nothing. */
  readonly stutter: boolean;
  /** Model and implementation still agree on every observable. */
  readonly agree: boolean;
  readonly differences: readonly Difference[];
  /** Invariants broken after the step and step properties broken across it, on either side. */
  readonly broken: readonly BrokenProperty[];
  /** agree (unless judged by invariants only), and nothing broken. */
  readonly ok: boolean;
  /** The action ran on the implementation too (false: model only, judge "invariants"). */
  readonly implRan: boolean;
  /** How the step was judged (LockstepOptions.judge). */
  readonly judge: "observables" | "invariants";
};

export type Lockstep = {
  readonly config: ModelConfig;
  readonly model: PaxosState;
  /** impl/ as the target of a run: everything lockstep plays and judges goes through it. */
  readonly run: TargetRun<Message>;
  /** The simulated cluster behind the interface, for a report to show the proposers' internals; never judged. */
  readonly sim: SimCluster;
  readonly steps: number;
  commands(): Action[];
  step(action: Action): Promise<StepOutcome>;
  close(): Promise<void>;
};

/** The run's bounds: none of its own, the model's config decides what happens. */
function unbounded(config: ModelConfig): TargetConfig {
  const many = Number.MAX_SAFE_INTEGER;
  return { acceptors: config.acceptors, proposers: config.proposers, learners: 1, retries: many, losses: many, duplicates: many, proposerCrashes: many, acceptorCrashes: many };
}

export async function createLockstep(o: LockstepOptions): Promise<Lockstep> {
  const { config } = o;
  if (config.acceptorStateLoss) throw new LockstepError("config: acceptorStateLoss has no counterpart in the implementation; lockstep needs it false");
  const sem: Semantics = { config, rules: { ...correctRules, ...o.modelRules } };
  const target = implTarget({ nack: config.nacks, storage: o.storage ?? "memory", shortcuts: o.shortcuts ?? false, ...(o.variant ? { variant: o.variant } : {}) });
  const run = await TargetRun.start(target, { config: unbounded(config), seed: 1, network: "set" });
  const sim = (run.cluster as ImplCluster).sim;
  const invariantsOnly = o.judge === "invariants";
  let model = initialState(config);
  let modelView = toView(model);
  // What each proposer has learned since it last started (volatile, as in the model).
  const learnedNow = new Map<string, string>();
  let steps = 0;
  let offered: Action[] | null = null;
  // The model's ballots as the implementation numbers them, paired as each one starts.
  const names = new BallotRenaming();

  function commands(): Action[] {
    offered ??= behaviours(model, sem).filter((a) => notFollowed(model, a) === null);
    return offered;
  }

  /** Refuses an action lockstep leaves out or the model cannot take here. */
  function check(action: Action): void {
    const reason = notFollowed(model, action);
    if (reason) throw new LockstepError(`step ${steps + 1}: ${describeAction(action)} is left out of lockstep: ${reason}`);
    if (!isPossible(model, action, sem)) throw new LockstepError(`step ${steps + 1}: ${describeAction(action)} is not possible on the model here`);
  }

  return {
    config,
    run,
    sim,
    get model() {
      return model;
    },
    get steps() {
      return steps;
    },
    commands,
    async step(action) {
      check(action);
      const before = model;
      const after = successor(before, action, sem);
      // A delivery the model's enabled actions leave out: it changes nothing there.
      const stutter = action.kind === "deliver" && after === before;
      const played = action.kind === "deliver" || action.kind === "lose" ? { ...action, msg: names.message(action.msg) } : action;
      const implStep = await applyToImpl(run, played, before, config.duplication, invariantsOnly);
      if (played.kind === "crash") learnedNow.delete(played.node);
      for (const l of implStep?.learned ?? []) learnedNow.set(l.node, l.value);
      steps++;
      model = after;
      offered = null;
      const afterView = after === before ? modelView : toView(after);
      const renamed = pairStartedBallot(before, after, run, names);
      const differences = [...renamed, ...compareObservations(observeModel(after, names), observeImpl(run, learnedNow))];
      const broken = [...brokenProperties("model", modelView, afterView), ...(implStep?.broken ?? [])];
      modelView = afterView;
      const agree = differences.length === 0;
      let changes: readonly string[] | undefined;
      return {
        step: steps,
        action,
        description: describeAction(action),
        // Rendered only when someone reads it (a report): most steps of a passing run never are.
        get changes() {
          return (changes ??= describeChange(before, after));
        },
        stutter,
        agree,
        differences,
        broken,
        ok: (agree || invariantsOnly) && broken.length === 0,
        implRan: implStep !== null,
        judge: invariantsOnly ? "invariants" : "observables",
      };
    },
    close: () => run.close(),
  };
}

/**
 * When the step started a ballot on the model (a proposer's round went up), pairs it with the
 * ballot the implementation's proposer started: the one its Prepares carry that is not paired
 * yet. A difference when it started none, several, or one that is no renaming of the model's.
 */
function pairStartedBallot(before: PaxosState, after: PaxosState, run: TargetRun<Message>, names: BallotRenaming): Difference[] {
  const p = after.proposers.find((x, i) => x.round > before.proposers[i]!.round);
  if (!p) return [];
  const model: Ballot = { round: p.round, proposer: p.id };
  const prepared = run.inFlight.flatMap((e) => (e.msg.type === "prepare" && e.msg.from === p.id ? [e.msg.ballot] : []));
  const r = names.pairStarted(model, prepared);
  const d = (impl: string): Difference[] => [{ observable: `${p.id} starts a ballot`, model: formatBallot(model), impl }];
  switch (r.kind) {
    case "paired":
      return [];
    case "none":
      return d("no ballot it has not used before");
    case "several":
      return d(r.started.map(formatBallot).join(", "));
    case "no-renaming":
      return d(`${formatBallot(r.impl)}: not a renaming of the model's ballots (${r.why})`);
  }
}

/**
 * Model actions lockstep leaves out because the implementation, by design, does something else
 * that is just as safe (null: the action is followed). A proposer that has learned a value ends
 * its instance in the implementation (its client has the answer) and ignores later Promises;
 * the model lets it carry on with its current ballot and send phase 2a. Leaving those
 * deliveries out keeps every schedule a behaviour of both; the Promise stays in flight on both sides.
 */
export function notFollowed(s: PaxosState, a: Action): string | null {
  if (a.kind !== "deliver" || a.msg.type !== "promise") return null;
  const p = s.proposers.find((x) => x.id === a.to);
  return p && p.learned !== null ? `${p.id} has learned ${p.learned}; the implementation's proposer ends its instance there and ignores later Promises` : null;
}

export type LockstepReplay =
  /** Every step agreed and no property broke. */
  | { readonly outcome: "agreed"; readonly steps: readonly StepOutcome[] }
  /** Model and implementation parted at `failed` (a difference or a broken property): the first such step. */
  | { readonly outcome: "parted"; readonly steps: readonly StepOutcome[]; readonly failed: StepOutcome }
  /** Step `step` (1-based) is not possible on the model (or has no counterpart in the implementation). */
  | { readonly outcome: "not-possible"; readonly steps: readonly StepOutcome[]; readonly step: number; readonly message: string };

/** Replays `actions` in lockstep and stops at the first step where the two sides part. */
export async function replayOnImpl(o: LockstepOptions, actions: readonly Action[]): Promise<LockstepReplay> {
  const ls = await createLockstep(o);
  const steps: StepOutcome[] = [];
  try {
    for (const [i, action] of actions.entries()) {
      let out: StepOutcome;
      try {
        out = await ls.step(action);
      } catch (err) {
        if (err instanceof LockstepError) return { outcome: "not-possible", steps, step: i + 1, message: err.message };
        throw err;
      }
      steps.push(out);
      if (!out.ok) return { outcome: "parted", steps, failed: out };
    }
    return { outcome: "agreed", steps };
  } finally {
    await ls.close();
  }
}
