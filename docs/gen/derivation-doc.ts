// docs/derivation.md, generated: seed 004's derivation of Paxos, step by step, as the checker
// finds it. For each scheme: the problem it solves, what the checker says (safety, distinct
// states, liveness under weak fairness), the shortest counterexample as a Mermaid sequence
// diagram with its cycle marked, and the fix the next step brings. Pure but for the checks it
// runs: returns the file's text, so a test can compare it with the committed one.
import type { CheckResult, Counterexample } from "../../checker/result.ts";
import type { Model } from "../../checker/model.ts";
import type { ModelDefinition } from "../../checker/definition.ts";
import { check } from "../../checker/check.ts";
import { registry } from "../../model/registry.ts";
import { definition as basic } from "../../model/basic-paxos/definition.ts";
import { distinguishedProposer, duellingProposers } from "../../model/basic-paxos/liveness.ts";

type Step = { readonly name: string; readonly title: string; readonly problem: string; readonly finding: string; readonly fix: string };

const steps: readonly Step[] = [
  {
    name: "derivation-lock",
    title: "Scheme 1: one acceptor and a lock",
    problem: "Several proposers, one acceptor. `prepare()` is `tryLock()` and returns the accepted value; the proposer holding the lock calls `accept(value)`, which keeps the first value and releases the lock; a refused proposer sleeps and calls `prepare()` again.",
    finding: "Safe: one acceptor keeps one value, so every proposer returns it. But the lock has no owner that can be replaced: when the proposer holding it crashes, every other proposer is refused for ever. The liveness check finds that lasso.",
    fix: "Scheme 2 makes the lock preemptible: an epoch, and the newest epoch wins.",
  },
  {
    name: "derivation-epochs",
    title: "Scheme 2: one acceptor, preemptive epochs",
    problem: "The acceptor grants `prepare(epoch)` only to an epoch above the last it granted, and accepts `accept(epoch, value)` only for that epoch and only while it has accepted nothing; a refused proposer sleeps and retries in a later epoch.",
    finding: "Safe under every interleaving. But the single acceptor is a single point of failure: when it crashes the proposers time out and call again for ever (the lasso below). Two more runs that never decide, with `--acceptor-crashes 0 --proposer-crashes 1`: as written, a refused proposer retries at `accepted_epoch + 1`, which is epoch 1 while nothing is accepted, so after a proposer takes epoch 1 and crashes the other is refused in epoch 1 for ever; retrying above the refused epoch instead (`--retry-next-epoch`) leaves two proposers that can preempt each other for ever.",
    fix: "Scheme 3 replaces the one acceptor by many, and a value needs a majority of them.",
  },
  {
    name: "derivation-majority",
    title: "Scheme 3: many acceptors and majorities",
    problem: "The seed's proposer calls every acceptor in turn; with replies from a majority it adopts the value of the highest accepted epoch, and calls `accept` only when at least half of the replies carry that value, else it retries at epoch + 1 with it. Acceptors are scheme 2's: each keeps the first value it accepts for ever.",
    finding: "Every invariant holds on every reachable state. But the seed's acceptors never change their value, and its proposer accepts a reported value only when half the replies carry it: once one acceptor holds a value and the others hold none, no proposer ever calls `accept` again, even with no fault at all. The progress check finds the state from which no value can be chosen; the liveness check finds the fair run that cycles through it for ever (epochs renumbered, so the cycle is finite). With an acceptor crash (`--acceptor-crashes 1`) the checker reports `learned-is-chosen` broken in 29 steps: a proposer learns A from one acceptor's vote in epoch 1 and another's in epoch 2. That invariant reads chosen as Basic Paxos defines it, a majority in one ballot; the seed's acceptors never change their value, so a value two of three acceptors hold, in any epochs, is as final, and no other value can ever reach a majority. The learning is safe under the scheme's own notion of chosen; the crash only lets the second proposer pass the acceptor that would have refused it. It is the scheme's notion of chosen, not an unsafe run, that the report shows.",
    fix: "Paxos (Basic Paxos, the next model): an acceptor may accept again in a higher ballot, promises refuse older ballots, and the proposer proposes the highest reported value whatever its count. Its remaining livelock, duelling proposers, is what seed 002's distinguished proposer removes.",
  },
];

// Mermaid reads ';' as the end of a statement, and '#' as the start of an entity code.
const mermaidText = (s: string) => s.replace(/;/g, ",").replace(/#/g, "no. ");

type AnyAction = { readonly kind: string; readonly to?: string; readonly node?: string; readonly proposer?: string; readonly msg?: { readonly from: string } };

/** A delivery (Basic Paxos, seed 004) or a receipt (Multi-Paxos) draws an arrow to its receiver. */
const receiverOf = (a: AnyAction) => ((a.kind === "deliver" || a.kind === "receive") && a.msg ? (a.to ?? a.node) : undefined);

/** The lasso as a sequence diagram: a delivery is an arrow, anything else a note; the cycle is marked. */
export function lassoDiagram<S, A>(model: Model<S, A>, cx: Counterexample<S, A>, nodes: readonly string[]): string {
  const out = ["```mermaid", "sequenceDiagram", ...nodes.map((n) => `  participant ${n}`)];
  cx.steps.forEach(({ action }, i) => {
    if (i === cx.cycleStart) out.push(`  Note over ${nodes[0]},${nodes.at(-1)}: the cycle: from here the run repeats for ever${cx.cycleRenamed ? `, each turn with its ballots renamed (${mermaidText(cx.cycleRenamed)})` : ""}`);
    const a = action as unknown as AnyAction;
    const text = mermaidText(model.describeAction(action));
    const to = receiverOf(a);
    if (to) out.push(`  ${a.msg!.from}->>${to}: ${text.replace(/^(deliver|receive) /, "").replace(/ \S+->\S+$/, "")}`);
    // An action of no node (a client asking for a read) spans every participant.
    else out.push(`  Note over ${a.node ?? a.proposer ?? a.to ?? `${nodes[0]},${nodes.at(-1)}`}: ${text}`);
  });
  if (cx.cycleStart !== undefined && cx.cycleStart >= cx.steps.length) out.push(`  Note over ${nodes[0]},${nodes.at(-1)}: the run stays here for ever: nothing weakly fair leads out`);
  out.push("```");
  return out.join("\n");
}

const fmt = (n: number) => n.toLocaleString("en-US");

function livenessSummary(r: CheckResult<unknown, unknown>): string {
  const cycle = (run: Counterexample<unknown, unknown>) => (run.cycleStart === undefined ? "" : `, cycle from step ${run.cycleStart + 1}${run.cycleRenamed ? `, ballots renamed on each turn: ${run.cycleRenamed}` : ""}`);
  return (r.liveness ?? []).map((l) => `\`${l.id}\` ${l.verdict}${l.run ? ` (${l.run.steps.length} steps${cycle(l.run)})` : ""}`).join("; ");
}

/** The `synod check` command line of a Basic Paxos config, from the model's own flags. */
function commandOf(d: typeof basic, config: object): string {
  const flags = Object.entries(config).map(([field, value]) => {
    const f = d.configFields.find((x) => x.field === field)!;
    return f.kind === "int" ? `--${f.flag} ${value}` : `--${f.flag}`;
  });
  return ["synod check", ...flags, "--liveness"].join(" ");
}

export async function derivationDoc(): Promise<string> {
  const out = [
    "# The derivation of Paxos, checked",
    "",
    "<!-- Generated by `npm run docs` from model/derivation/. Do not edit: a test fails when this file is stale. -->",
    "",
    "Seed 004 derives Paxos in three steps, each fixing the flaw of the one before. Each step is a registered model (`synod check --model NAME`, add `--liveness` for the liveness verdicts), written as the seed writes it, over the faults of Basic Paxos. Safety is the usual invariants (agreement, validity, learned-is-chosen, learners agree, chosen stays chosen) and the witness that a value is chosen. Liveness is seed 000's second goal, judged under weak fairness: every delivery to a live node and every step of a live proposer happens if it stays enabled; losses, crashes and restarts need not happen.",
    "",
    "How to read a liveness verdict: **holds** means every fair run reaches the goal; **violated** comes with a lasso, a run into a cycle (or into a state nothing fair leaves) where the goal never holds, or into a cycle that comes back to its state with every ballot renamed (duelling proposers, below); **bounded** means a bound (retries, epochs) cut the only runs that do not reach it: neither a pass nor a violation, raise the bound to learn more.",
    "",
  ];
  for (const step of steps) {
    const d = registry.definitions.find((x) => x.name === step.name) as ModelDefinition<unknown, unknown, unknown>;
    const config = d.parseConfig({});
    const model = d.create(config);
    const safety = await check({ definition: d, config }, {});
    const live = await check({ definition: d, config }, { liveness: true });
    const lasso = live.liveness?.find((l) => l.verdict === "violated")?.run;
    const s = model.initialStates()[0] as { proposers: { id: string }[]; acceptors: { id: string }[] };
    out.push(`## ${step.title} (\`${step.name}\`)`, "", `**The scheme.** ${step.problem}`, "", `**What the checker finds.** ${step.finding}`, "");
    out.push(`- default config: \`${JSON.stringify(config)}\``);
    out.push(`- safety: ${safety.verdict}${safety.violation ? ` (${safety.violation.kind} \`${safety.violation.property}\`, ${safety.violation.steps.length} steps)` : ""}, ${fmt(safety.stats.distinctStates)} distinct states, depth ${safety.stats.depth}`);
    out.push(`- liveness: ${livenessSummary(live)}`, "");
    if (lasso) out.push(`The shortest lasso (\`synod check --model ${step.name} --liveness\`):`, "", lassoDiagram(model, lasso, [...s.proposers.map((p) => p.id), ...s.acceptors.map((a) => a.id)]), "");
    out.push(`**The fix.** ${step.fix}`, "");
  }
  const duel = await check({ definition: basic, config: basic.parseConfig(duellingProposers) }, { liveness: true });
  const duelLasso = duel.liveness?.find((l) => l.verdict === "violated")?.run;
  const leader = await check({ definition: basic, config: basic.parseConfig(distinguishedProposer) }, { liveness: true });
  const bounded = await check({ definition: basic, config: basic.parseConfig({ acceptors: 1, losses: 0 }) }, { liveness: true });
  const duelModel = basic.create(basic.parseConfig(duellingProposers));
  const duelNodes = duelModel.initialStates()[0]!;
  out.push(
    "## Basic Paxos: duelling proposers and a distinguished one",
    "",
    "Basic Paxos's proposers start a higher ballot when theirs fails, so two of them can keep preempting each other: each one's new ballot makes the acceptors refuse the other's, in phase 1 or in phase 2. The checker shows it with proposers that time out only once nothing of their ballot can still arrive (`--stuck-timeouts`), so that no timeout is premature, and no fault at all.",
    "",
    "Every turn of that run needs two new ballots, so within the config's `retries` it never comes back to a state it was in, only to one whose rounds are all higher. The model treats rounds only by order and by succession (a proposer's next round is its round + 1), so such a state is the same state with its ballots renamed, and the same steps repeat from it for ever. The liveness check looks for such a run when the bounded graph has no lasso of its own (checker/renamed-lasso.ts): a **lasso up to a renaming of ballots**, whose every turn is fair. `synod replay` checks that its last state is its cycle's first with the ballots renamed.",
    "",
    `- \`${commandOf(basic, duellingProposers)}\`: ${duel.verdict}, ${fmt(duel.stats.distinctStates)} distinct states; ${livenessSummary(duel)}`,
    "",
  );
  if (duelLasso) out.push(lassoDiagram(duelModel, duelLasso, [...duelNodes.proposers.map((p) => p.id), ...duelNodes.acceptors.map((a) => a.id)]), "");
  out.push(
    "With seed 002's distinguished proposer (`--distinguished`: only p1 starts ballots), with the same accurate timeout, every fair run decides, at the default bounds (a loss, duplication, a retry):",
    "",
    `- \`${commandOf(basic, distinguishedProposer)}\`: ${leader.verdict}, ${fmt(leader.stats.distinctStates)} distinct states; ${livenessSummary(leader)}`,
    "",
    `When a run is cut off by its bound and no lasso, up to renaming or not, is found, the verdict stays **bounded**, as for proposers that may time out at any moment with the default single retry, which never makes a whole turn of two proposers (\`${commandOf(basic, { acceptors: 1, losses: 0 })}\`: ${bounded.verdict}).`,
    "",
  );
  return out.join("\n");
}
