// What makes the decision-point table and the bug table hold together, as a list of problems
// (empty: consistent). Pure, so that a test can show each problem found in a doctored table.
import type { Decision } from "./decisions.ts";
import type { Bug } from "./catalogue.ts";
import { storageFaults } from "./catalogue.ts";
import { correctRules, type Rules } from "./rules.ts";

const ruleFields = new Set(Object.keys(correctRules));

function duplicates(names: readonly string[]): string[] {
  return names.filter((n, i) => names.indexOf(n) !== i);
}

function decisionProblems(d: Decision): string[] {
  const problems: string[] = [];
  for (const [field, text] of Object.entries({ title: d.title, sentence: d.sentence, section: d.section, model: d.model, impl: d.impl })) {
    if (text.trim() === "") problems.push(`decision ${d.id}: no ${field}`);
  }
  if (d.mechanism.kind === "rule" && !ruleFields.has(d.mechanism.field)) problems.push(`decision ${d.id}: ${d.mechanism.field} is not a Rules field`);
  return problems;
}

/** A rule override names Rules fields only; at a rule decision it replaces that rule alone. */
function ruleProblems(bug: Bug, side: string, rules: Partial<Rules>, decision: Decision): string[] {
  const fields = Object.keys(rules);
  const problems = fields.filter((f) => !ruleFields.has(f)).map((f) => `bug ${bug.name}: ${side} overrides ${f}, not a Rules field`);
  const m = decision.mechanism;
  // Besides its decision's rule, a bug may route Accepts to every acceptor: not a mistake, the
  // deployment in which the mistake shows (as the real store sends them).
  const deployment = (f: string) => f === "acceptToPromisers" && rules.acceptToPromisers === false;
  const others = fields.filter((f) => f !== (m.kind === "rule" ? m.field : "") && !deployment(f));
  if (m.kind === "rule" && (!fields.includes(m.field) || others.length > 0)) problems.push(`bug ${bug.name}: ${side} must replace ${m.field} alone (decision ${decision.id}), not ${fields.join(", ") || "nothing"}`);
  return problems;
}

function bugProblems(bug: Bug, decisions: readonly Decision[], propertyIds: ReadonlySet<string>): string[] {
  const decision = decisions.find((d) => d.id === bug.decision);
  if (!decision) return [`bug ${bug.name}: no decision ${bug.decision}`];
  const problems: string[] = [];
  if (bug.summary.trim() === "") problems.push(`bug ${bug.name}: no summary`);
  if (bug.model.kind === "absent" && bug.impl.kind === "absent") problems.push(`bug ${bug.name}: neither side has it`);
  for (const side of [bug.model, bug.impl]) if (side.kind === "absent" && side.reason.trim() === "") problems.push(`bug ${bug.name}: a missing side without a reason`);
  if (bug.safe && bug.breaks !== undefined) problems.push(`bug ${bug.name}: a safe look-alike breaks nothing`);
  if (!bug.safe && (bug.breaks === undefined || !propertyIds.has(bug.breaks))) problems.push(`bug ${bug.name}: ${bug.breaks ?? "no property"} is not a property that could catch it`);
  if (bug.model.kind === "variant") {
    problems.push(...ruleProblems(bug, "the model", bug.model.rules, decision));
    const m = decision.mechanism;
    if (m.kind === "config" && !(m.field in (bug.model.config ?? {}))) problems.push(`bug ${bug.name}: the model must set config ${m.field} (decision ${decision.id})`);
  }
  if (bug.impl.kind === "rules") problems.push(...ruleProblems(bug, "the implementation", bug.impl.rules, decision));
  if (bug.impl.kind === "storage" && !(storageFaults as readonly string[]).includes(bug.impl.fault)) problems.push(`bug ${bug.name}: no storage fault ${bug.impl.fault}`);
  return problems;
}

/** Every way the two tables disagree with each other or with Rules; `propertyIds`: the properties that can catch a bug. */
export function catalogueProblems(decisions: readonly Decision[], bugs: readonly Bug[], propertyIds: ReadonlySet<string>): string[] {
  return [
    ...duplicates(decisions.map((d) => d.id)).map((id) => `decision ${id} twice`),
    ...duplicates(bugs.map((b) => b.name)).map((n) => `bug ${n} twice`),
    ...decisions.flatMap(decisionProblems),
    ...bugs.flatMap((b) => bugProblems(b, decisions, propertyIds)),
  ];
}
