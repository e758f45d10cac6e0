// synod conformance: every model path up to a depth, replayed on the implementation in
// lockstep; prints the figures and the transition coverage, or the first path on which model
// and implementation part (saved as a trace). Exit 0 conforming, 1 divergence, 2 bad usage.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { helpRows, parseArgs, UsageError, type FlagSpec } from "../args.ts";
import { namesTarget, runTargetMode } from "../target/delegate.ts";
import type { Command } from "../main.ts";
import { writeTrace } from "../../checker/trace.ts";
import { VariantName } from "../../harness/impl-variants.ts";
import { describeAction } from "../../model/basic-paxos/describe.ts";
import { LockstepError } from "../../mbt/lockstep.ts";
import { runConformance } from "../../conformance/run.ts";
import { neverDriven } from "../../conformance/coverage.ts";
import { shortestDivergence } from "../../conformance/shortest.ts";
import { coverageReport, divergenceLines, figuresLine } from "../../conformance/report.ts";
import { lockstepTrace } from "../../mbt/trace.ts";
import { configFromFlags, modelFlagSpec } from "../model-flags.ts";
import { definition as basicPaxos } from "../../model/basic-paxos/definition.ts";
import type { ModelConfig } from "../../model/basic-paxos/config.ts";

const DEFAULT_DEPTH = 6;

const HELP = `usage: synod conformance [options]

Walks every path of the Basic Paxos model from its initial state up to --depth steps and
replays each on the implementation (impl/ through the target interface, on the in-memory SimCluster) in lockstep: after every
step the promises, votes, messages in flight and learned values of both sides are compared
and every invariant is checked on both. Stops at the first path where they part, prints it
as numbered steps and saves it as a trace. Reports which branches of the model's transitions
(a Prepare promised or refused, a Promise completing a quorum, ...) the implementation was
driven through, and which never.

model:
${helpRows(modelFlagSpec(basicPaxos, { model: false, variants: false })).join("\n")}

conformance:
  --depth K             longest path walked (1-30, default ${DEFAULT_DEPTH}); paths grow 2-9 times per step
  --stutters            also walk deliveries that change nothing in the model (a repeated Promise,
                        a refused Prepare): where replies counted twice show
  --variant NAME        the implementation variant under test (harness/impl-variants.ts, default correct)
  --shortest            on a divergence, walk again one step shallower until the implementation
                        conforms, and show the shortest divergence (the walk goes deep first)

output:
  --json                print the report as JSON on stdout
  --trace-out FILE      where to save a divergence (default .synod/conformance-VARIANT.json)
  -h, --help            this help

Your own implementation instead of impl/ (docs/targets.md): --target MODULE or --target-cmd
"COMMAND"; \`synod conformance --target X --help\` lists the flags of that mode.

exit codes: 0 conforming, 1 divergence found, 2 bad usage or config.`;

const flagSpec: FlagSpec = {
  ...modelFlagSpec(basicPaxos, { model: false, variants: false }),
  depth: { value: "K", help: "longest path walked" },
  stutters: { boolean: true, help: "also walk deliveries that change nothing in the model" },
  variant: { value: "NAME", help: "the implementation variant under test" },
  shortest: { boolean: true, help: "on a divergence, the shortest one within the bounds" },
  json: { boolean: true, help: "print the report as JSON" },
  "trace-out": { value: "FILE", help: "where to save a divergence" },
};

function parse(argv: readonly string[]) {
  const { flags, positionals } = parseArgs(argv, flagSpec);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  return flags as Record<string, string | boolean> & { help?: boolean; depth?: string; stutters?: boolean; variant?: string; shortest?: boolean; json?: boolean; "trace-out"?: string };
}

function depthOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_DEPTH;
  const k = Number(text);
  if (!Number.isInteger(k) || k < 1 || k > 30) throw new UsageError(`--depth: must be a whole number from 1 to 30, got '${text}'`);
  return k;
}

function variantOf(text: string | undefined): VariantName {
  const parsed = VariantName.safeParse(text ?? "correct");
  if (!parsed.success) throw new UsageError(`--variant: ${parsed.error.issues[0]!.message}, got '${text}'`);
  return parsed.data;
}

export const command: Command = {
  summary: "replay every model path up to a depth on the implementation; transition coverage",
  async run(argv) {
    if (namesTarget(argv)) return runTargetMode("conformance", argv, async () => (await import("../target/conformance.ts")).runTargetConformance);
    let f: ReturnType<typeof parse>;
    let options: Parameters<typeof runConformance>[0];
    try {
      f = parse(argv);
      if (f.help) return console.log(HELP), 0;
      const config = configFromFlags(basicPaxos, f, undefined) as ModelConfig;
      if (config.acceptorStateLoss) throw new UsageError("--acceptor-state-loss: the implementation has no counterpart (its storage is durable by design)");
      options = { config, depth: depthOf(f.depth), variant: variantOf(f.variant), stutters: f.stutters ?? false };
    } catch (err) {
      console.error(`synod conformance: ${(err as Error).message}\n(see synod conformance --help)`);
      return 2;
    }
    const { config, depth, variant = "correct" } = options;
    if (!f.json) console.log(`synod conformance: implementation ${variant} against basic-paxos ${JSON.stringify(config)}, depth ${depth}${options.stutters ? ", stutters walked" : ""}`);
    let result: Awaited<ReturnType<typeof runConformance>>;
    // A progress line on a terminal: deep runs take minutes.
    const tty = !f.json && process.stderr.isTTY;
    const onProgress = (p: { transitions: number; paths: number; seconds: number }) =>
      void process.stderr.write(`\r\x1b[K${p.transitions.toLocaleString("en-US")} transitions checked, ${p.paths.toLocaleString("en-US")} paths, ${p.seconds.toFixed(0)} s`);
    try {
      result = await runConformance({ ...options, ...(tty ? { onProgress, progressEvery: 2_000 } : {}) });
      if (tty) process.stderr.write("\r\x1b[K");
    } catch (err) {
      if (!(err instanceof LockstepError)) throw err;
      console.error(`synod conformance: ${err.message}`);
      return 2;
    }
    // Figures and coverage stay those of the full walk; the divergence shown may be a shorter one.
    let divergence = result.divergence;
    let rewalks = 0;
    if (divergence && f.shortest) ({ result: { divergence }, rewalks } = await shortestDivergence(options, result));
    let tracePath: string | undefined;
    if (divergence) {
      tracePath = f["trace-out"] ?? `.synod/conformance-${variant}.json`;
      mkdirSync(dirname(tracePath), { recursive: true });
      writeTrace(tracePath, lockstepTrace({ config, variant, storage: "memory" }, divergence.steps));
    }
    if (f.json) {
      const { divergence: _first, ...figures } = result;
      const last = divergence?.steps[divergence.steps.length - 1];
      const parted = divergence && {
        path: divergence.path.map((s) => ({ description: describeAction(s.action), branch: s.branch })),
        ...(divergence.notPossible ? { notPossible: divergence.notPossible } : { differences: last?.differences, broken: last?.broken }),
      };
      console.log(JSON.stringify({ variant, config, depth, stutters: options.stutters, ...figures, neverDriven: neverDriven(result.coverage), divergence: parted, ...(f.shortest ? { rewalks } : {}), trace: tracePath }, null, 2));
    } else {
      console.log(`${result.conforms ? "conforms" : "divergence"}: ${figuresLine(result, depth)}`);
      for (const line of coverageReport(result)) console.log(line);
      if (divergence) {
        if (f.shortest) console.log(`shortest: ${divergence.path.length} steps; walked again ${rewalks} time(s), one step shallower each, the last conforming`);
        for (const line of divergenceLines(divergence)) console.log(line);
        console.log(`trace saved to ${tracePath}`);
      }
    }
    return result.conforms ? 0 : 1;
  },
};
