// docs/catalogue.md, generated from the decision points and the bug table of protocol/, and
// the shortest counterexample each unsafe variant of the model's catalogue has.
import type { Action } from "../../model/basic-paxos/actions.ts";
import type { ExploreResult } from "../../checker/result.ts";
import type { PaxosState } from "../../model/basic-paxos/state.ts";
import { decisions, type Decision } from "../../protocol/decisions.ts";
import { bugs, type ImplPart, type ModelPart } from "../../protocol/catalogue.ts";
import { catalogue, catalogueBase, variantConfigInput } from "../../model/basic-paxos/catalogue.ts";
import { describeAction } from "../../model/basic-paxos/describe.ts";
import { sequenceDiagram } from "../../model/basic-paxos/sequence-diagram.ts";

export type CatalogueResults = ReadonlyMap<string, ExploreResult<PaxosState, Action>>;

const code = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(", ");

function mechanism(d: Decision): string {
  const m = d.mechanism;
  return m.kind === "rule" ? `rule \`${m.field}\`` : m.kind === "config" ? `config \`${m.field}\`` : "storage";
}

function modelSide(m: ModelPart): string {
  if (m.kind === "absent") return `none. ${m.reason}`;
  const parts = [Object.keys(m.rules).length > 0 ? `rules ${code(Object.keys(m.rules))}` : "", m.config ? `config \`${JSON.stringify(m.config)}\`` : ""];
  return parts.filter(Boolean).join("; ");
}

function implSide(i: ImplPart): string {
  if (i.kind === "absent") return `none. ${i.reason}`;
  if (i.kind === "rules") return `rules ${code(Object.keys(i.rules))}`;
  if (i.kind === "storage") return `storage fault \`${i.fault}\``;
  return `correct, node options ${code([...(i.shortcuts ? ["shortcuts"] : []), ...(i.nack ? ["nack"] : [])])}`;
}

export function catalogueDoc(results: CatalogueResults): string {
  const out = [
    "# The bug catalogue",
    "",
    "<!-- Generated from protocol/decisions.ts, protocol/catalogue.ts and the checker's results. Do not edit: a test fails when this file is stale. -->",
    "",
    "Each bug is a mistake at one decision point of Basic Paxos, or a safe look-alike of one. One table, `protocol/catalogue.ts`, names every bug once and says how the model has it and how the implementation has it; the model's catalogue (`synod check --mutant NAME`), the implementation's variants (`synod mbt --variant NAME`) and the model-based catalogue of `synod verify` are derived from it.",
    "",
    "## Decision points",
    "",
    "| decision | Paxos Made Simple | replaced through | model | implementation |",
    "|---|---|---|---|---|",
    ...decisions.map((d) => `| \`${d.id}\` ${d.title} | "${d.sentence}" (${d.section}) | ${mechanism(d)} | ${d.model} | ${d.impl} |`),
    "",
    "## Bugs on each side",
    "",
    "| bug | decision | kind | model | implementation |",
    "|---|---|---|---|---|",
    ...bugs.map((b) => `| \`${b.name}\` | \`${b.decision}\` | ${b.safe ? "safe look-alike" : "unsafe"} | ${modelSide(b.model)} | ${implSide(b.impl)} |`),
    "",
    "## The model's variants",
    "",
    `Each variant is correct Basic Paxos with rules replaced or a fault switched on. It is checked under the configuration \`${JSON.stringify(catalogueBase)}\` merged with its own, under acceptor symmetry (one state per class of states equal up to renaming acceptors: the same verdict and shortest length in fewer states); run one with \`npx synod check --mutant NAME --symmetry\`.`,
    "",
    "| variant | kind | caught by | shortest counterexample |",
    "|---|---|---|---|",
  ];
  for (const v of catalogue) {
    const r = results.get(v.name);
    const caught = r?.violation ? `\`${r.violation.property}\`` : r?.verdict ?? "not run";
    out.push(`| [\`${v.name}\`](#${v.name}) | ${v.safe ? "safe look-alike" : "unsafe"} | ${v.safe ? `passes (${r?.verdict ?? "not run"})` : caught} | ${r?.violation ? `${r.violation.steps.length} steps` : "-"} |`);
  }
  out.push("");
  for (const v of catalogue) {
    const r = results.get(v.name);
    out.push(`## ${v.name}`, "", v.summary, "");
    if (v.config) out.push(`Configuration: \`${JSON.stringify(variantConfigInput(v))}\``, "");
    if (!r?.violation) {
      out.push(v.safe ? `Verified: ${r?.stats.distinctStates.toLocaleString("en-US")} distinct states, every check held.` : "Not caught.", "");
      continue;
    }
    const cx = r.violation;
    const actions = cx.steps.map((s) => s.action);
    out.push(`Caught by \`${cx.property}\` (${cx.kind}): ${cx.message}`, "");
    if (actions.length === 0) {
      out.push("", "");
      continue;
    }
    const participants = [...cx.initial.proposers.map((p) => p.id), ...cx.initial.acceptors.map((a) => a.id)];
    out.push(...actions.map((a, i) => `${i + 1}. ${describeAction(a)}`), "", "```mermaid", sequenceDiagram(participants, actions), "```", "");
  }
  return out.join("\n");
}
