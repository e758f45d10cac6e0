// The stages of `synod verify`. Each runs its checks and says, per check, whether it passed
// and why not; a stage passes when all its checks do.
import { explore } from "../../checker/explore.ts";
import { catalogue, catalogueBase } from "../../model/catalogue.ts";
import { DEFAULT_CONFIG, parseModelConfig } from "../../model/config.ts";
import { createPaxosModel } from "../../model/paxos-model.ts";
import { statsLine } from "../report.ts";

export type CheckResult = { readonly name: string; readonly passed: boolean; readonly detail: string; readonly seconds: number };
export type StageResult = { readonly name: string; readonly passed: boolean; readonly seconds: number; readonly checks: readonly CheckResult[] };
export type Stage = { readonly name: string; readonly title: string; run(log: (line: string) => void): Promise<StageResult> };

function stage(name: string, title: string, checks: (log: (line: string) => void) => Promise<CheckResult[]>): Stage {
  return {
    name,
    title,
    async run(log) {
      const t = performance.now();
      const results = await checks(log);
      return { name, passed: results.every((c) => c.passed), seconds: (performance.now() - t) / 1000, checks: results };
    },
  };
}

const modelCheck = stage("model-check", "the default Basic Paxos configuration, exhaustively", async (log) => {
  const result = explore(createPaxosModel(DEFAULT_CONFIG));
  const detail = result.violation ? `${result.verdict}: ${result.violation.property}: ${result.violation.message}` : `${result.verdict}: ${statsLine(result.stats)}`;
  log(`${JSON.stringify(DEFAULT_CONFIG)}`);
  log(detail);
  return [{ name: "default configuration", passed: result.verdict === "verified", detail, seconds: result.stats.seconds }];
});

const catalogueStage = stage("catalogue", "each unsafe variant caught, each safe look-alike verified", async (log) => {
  return catalogue.map((variant) => {
    const result = explore(createPaxosModel(parseModelConfig({ ...catalogueBase, ...variant.config }), variant));
    const caughtBy = result.violation?.property;
    const passed = variant.safe ? result.verdict === "verified" : result.verdict === "violation" && caughtBy === variant.breaks;
    const detail = variant.safe
      ? `safe look-alike: ${result.verdict}${caughtBy ? ` (${caughtBy}: ${result.violation!.message})` : ""}`
      : `unsafe: ${result.verdict === "violation" ? `caught by ${caughtBy} in ${result.violation!.steps.length} steps` : result.verdict}${caughtBy !== variant.breaks ? ` (expected ${variant.breaks})` : ""}`;
    log(`${passed ? "ok  " : "FAIL"} ${variant.name.padEnd(30)} ${detail}`);
    return { name: variant.name, passed, detail, seconds: result.stats.seconds };
  });
});

/** TLC's distinct-state count and depth for Paxos.tla with 3 acceptors, {v1, v2}, ballots 0..2. */
const TLC_BALLOTS_0_2 = { distinctStates: 185_369, depth: 25 };

const reference = stage("reference", "Lamport's Paxos.tla, ballots 0..2, against TLC", async (log) => {
  const { checkLamport } = await import("../../model/lamport/check.ts");
  const result = await checkLamport({ acceptors: 3, values: 2, ballots: 2 });
  const same = result.stats.distinctStates === TLC_BALLOTS_0_2.distinctStates && result.stats.depth === TLC_BALLOTS_0_2.depth;
  const passed = result.verdict === "verified" && same;
  const detail = `${result.verdict}: ${statsLine(result.stats)} (TLC: ${TLC_BALLOTS_0_2.distinctStates.toLocaleString("en-US")} states, depth ${TLC_BALLOTS_0_2.depth})`;
  log(detail);
  return [{ name: "Paxos.tla ballots 0..2", passed, detail, seconds: result.stats.seconds }];
});

export const verifyStages: readonly Stage[] = [modelCheck, catalogueStage, reference];
