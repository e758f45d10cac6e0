// synod validate-trace: is the protocol event log of a real cluster run a behaviour the model
// allows? Prints the first event that is not (file, line, event, why), per docs/validate-trace.md.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Command } from "../main.ts";
import { NodeId } from "../../protocol/messages.ts";
import { majority } from "../../protocol/quorum.ts";
import { runCommand, helpText, validate, UsageError, type FlagSpec } from "../args.ts";
import { parseTraceLines, TraceLogError, type LoggedEvent } from "../../impl/trace-log.ts";
import { IncompleteLogsError, validateTrace, type TraceVerdict } from "../../tracecheck/validate.ts";
import { describeEvent, describeKey } from "../../tracecheck/describe.ts";

const usage =
  "usage: synod validate-trace [--acceptors ID,...] [--learners ID,...] [--target NAME] [--json] LOG...   (exit 0 a behaviour of the model, 1 not, 2 bad usage or log)";

const flags: FlagSpec = {
  acceptors: { value: "ID,...", help: "the cluster's acceptors (default: the nodes the logs show acting as acceptors)" },
  learners: { value: "ID,...", help: "the learners besides each ballot's proposer (default: the nodes that received Accepted or learned without proposing)" },
  target: { value: "NAME", help: "the implementation whose logs these are, named in the report" },
  json: { boolean: true, help: "print the verdict as JSON" },
};

const ids = (role: string) =>
  z
    .string()
    .transform((s) => s.split(",").filter((x) => x !== ""))
    .pipe(z.array(NodeId).min(1, `name at least one ${role}`))
    .optional();

const Flags = z.strictObject({
  acceptors: ids("acceptor"),
  learners: ids("learner"),
  target: z.string().trim().min(1, "a target is named by a non-empty label").max(200, "a target label is at most 200 characters").optional(),
  json: z.boolean().optional(),
});

export const command: Command = {
  summary: "check that a cluster's protocol event logs are a behaviour of the model",
  run: (argv) =>
    runCommand("validate-trace", argv, flags, helpText(usage, flags), async ({ flags: f, positionals }) => {
      const o = validate(Flags, f);
      if (positionals.length === 0) throw new UsageError("expected at least one LOG file");
      let verdict: TraceVerdict;
      try {
        const events: LoggedEvent[] = [];
        for (const file of positionals) events.push(...parseTraceLines(await read(file), file));
        verdict = validateTrace(events, { acceptors: o.acceptors, learners: o.learners });
      } catch (e) {
        if (!(e instanceof TraceLogError || e instanceof IncompleteLogsError || e instanceof UnreadableError)) throw e;
        console.error(`synod validate-trace: ${e.message}`);
        return 2;
      }
      if (o.json) console.log(JSON.stringify(toJson(positionals, verdict, o.target), null, 2));
      else console.log(report(positionals, verdict, o.target).join("\n"));
      return verdict.rejection ? 1 : 0;
    }),
};

class UnreadableError extends Error {}

async function read(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    throw new UnreadableError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function report(files: readonly string[], v: TraceVerdict, target: string | undefined): string[] {
  const learners = v.learners.length ? `; learners ${v.learners.join(", ")}` : "";
  const lines = [
    `synod validate-trace${target === undefined ? "" : ` (target ${target})`}: ${files.length} log(s), ${v.events} events, ${v.keys.length} key(s); acceptors ${v.acceptors.join(", ")} (quorum ${majority(v.acceptors.length)})${learners}; nodes ${v.nodes.join(", ")}`,
  ];
  for (const k of v.keys) if (k.rejection === null) lines.push(`  ok   ${describeKey(k)}`);
  const r = v.rejection;
  if (r === null) {
    lines.push("verdict: a behaviour of the model (every event replayed on the model's handlers; every invariant held after each)");
    return lines;
  }
  lines.push(
    `  BAD  key ${r.key}: first event the model does not allow, ${r.at.file} line ${r.at.line}:`,
    `         ${describeEvent(r.at.event)}`,
    `         ${r.reason}`,
    "verdict: not a behaviour of the model",
  );
  return lines;
}

function toJson(files: readonly string[], v: TraceVerdict, target: string | undefined) {
  const r = v.rejection;
  return {
    verdict: r ? "not-a-behaviour" : "behaviour",
    target: target ?? null,
    logs: files,
    events: v.events,
    acceptors: v.acceptors,
    quorum: majority(v.acceptors.length),
    learners: v.learners,
    nodes: v.nodes,
    keys: v.keys.map((k) => ({ key: k.key, events: k.events, ok: k.rejection === null, learned: k.view.learned })),
    rejection: r ? { file: r.at.file, line: r.at.line, key: r.key, node: r.at.event.node, event: r.at.event, description: describeEvent(r.at.event), reason: r.reason } : null,
  };
}
