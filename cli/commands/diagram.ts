// synod diagram TRACE: a saved Basic Paxos trace as a Mermaid sequence diagram, for a review
// comment or a pull request (GitHub renders ```mermaid blocks). With --markdown it also lists
// the numbered steps and the property the trace breaks, ready to paste.
import { parseArgs } from "../args.ts";
import type { Command } from "../main.ts";
import { readTrace, type Trace } from "../../checker/trace.ts";
import { Action } from "../../model/basic-paxos/actions.ts";
import { BASIC_MODEL_NAME } from "../../model/basic-paxos/paxos-model.ts";
import { acceptorIds, parseModelConfig, proposerIds } from "../../model/basic-paxos/config.ts";
import { sequenceDiagram } from "../../model/basic-paxos/sequence-diagram.ts";

const HELP = `usage: synod diagram TRACE [--markdown]

Prints a Basic Paxos trace (as saved by synod check, simulate or mbt) as a Mermaid sequence
diagram: each delivery is an arrow from sender to receiver; proposals, timeouts, losses,
crashes and restarts are notes.

  --markdown   a Markdown section instead: the violated property, the numbered steps, and the
               diagram in a \`\`\`mermaid block
  -h, --help   this help

exit codes: 0 printed, 2 bad usage or a file that is not a Basic Paxos trace.`;

export const command: Command = {
  summary: "draw a saved trace as a Mermaid sequence diagram",
  async run(argv) {
    let parsed: { values: { markdown?: boolean; help?: boolean }; positionals: string[] };
    try {
      const { flags, positionals } = parseArgs(argv, { markdown: { boolean: true, help: "" } });
      parsed = { values: flags, positionals };
    } catch (err) {
      return usageError((err as Error).message);
    }
    if (parsed.values.help) return console.log(HELP), 0;
    if (parsed.positionals.length !== 1) return usageError("expected exactly one TRACE file");
    const path = parsed.positionals[0]!;
    let trace: Trace<Action>;
    let participants: string[];
    try {
      trace = readTrace(path, Action);
      if (trace.model !== BASIC_MODEL_NAME) throw new Error(`${path}: model '${trace.model}' has no sequence diagram (only ${BASIC_MODEL_NAME})`);
      const config = parseModelConfig(trace.config);
      participants = [...proposerIds(config), ...acceptorIds(config)];
    } catch (err) {
      console.error(`synod diagram: ${(err as Error).message}`);
      return 2;
    }
    const diagram = sequenceDiagram(participants, trace.steps.map((s) => s.action));
    console.log(parsed.values.markdown ? markdown(trace, diagram) : diagram);
    return 0;
  },
};

function markdown(trace: Trace<Action>, diagram: string): string {
  const title = trace.violation ? `${trace.violation.property} (${trace.violation.kind}): ${trace.violation.message}` : "a run that breaks nothing";
  const mutant = trace.mutant ? ` (mutant ${trace.mutant})` : "";
  return [`### ${title}`, "", `${trace.model}${mutant}, ${trace.steps.length} steps:`, "", ...trace.steps.map((s, i) => `${i + 1}. ${s.description}`), "", "```mermaid", diagram, "```"].join("\n");
}

function usageError(message: string): number {
  console.error(`synod diagram: ${message}\n(see synod diagram --help)`);
  return 2;
}
