// docs/catalogue.md, generated from the catalogue and the shortest counterexample each
// unsafe variant's check finds.
import type { Action } from "../../model/basic-paxos/actions.ts";
import type { ExploreResult } from "../../checker/result.ts";
import type { PaxosState } from "../../model/basic-paxos/state.ts";
import { catalogue, catalogueBase, variantConfigInput } from "../../model/basic-paxos/catalogue.ts";
import { describeAction } from "../../model/basic-paxos/describe.ts";
import { sequenceDiagram } from "../../model/basic-paxos/sequence-diagram.ts";

export type CatalogueResults = ReadonlyMap<string, ExploreResult<PaxosState, Action>>;

export function catalogueDoc(results: CatalogueResults): string {
  const out = [
    "# The bug catalogue",
    "",
    "<!-- Generated from model/catalogue.ts and the checker's results. Do not edit: a test fails when this file is stale. -->",
    "",
    `Each variant is correct Basic Paxos with one rule replaced. It is checked under the configuration \`${JSON.stringify(catalogueBase)}\` merged with its own; run one with \`npx synod check --mutant NAME\`.`,
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
