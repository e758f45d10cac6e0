// Target runs printed for a person: the target and what it declares, the steps of a failure with
// what each sent, and the property it broke (or the target's own failure to answer).
import type { TargetStep } from "../../target/run.ts";
import type { Capabilities } from "../../target/vocabulary.ts";
import type { TargetConfig } from "../../target/config.ts";
import { describeIdentity, type TargetIdentity } from "../../target/identity.ts";

export function targetHeader(stage: string, identity: TargetIdentity, capabilities: Capabilities, config: TargetConfig, whiteBox: boolean): string[] {
  const c = capabilities;
  return [
    `synod ${stage}: target ${describeIdentity(identity)}`,
    `   declares: ${c.nacks ? "Nacks" : "no Nacks"}, Accept to ${c.acceptRouting === "all" ? "all acceptors" : c.acceptRouting === "any" ? "any acceptors" : "the promisers"}, ${c.learners === "separate" ? "learners of its own" : "proposers learn"}, ${c.acceptors} acceptors, ${c.ballots} ballots, ${c.behaviour === "model" ? "the model's behaviour" : "its own behaviour"}`,
    `   config ${JSON.stringify(config)}`,
    `   judged by the invariants on what it sent and learned${whiteBox ? " and on its acceptors' own state (white box)" : " (black box: acceptor state rebuilt from its messages)"}, ${c.behaviour === "model" ? ", every step by the model's (lockstep)," : ""} and each run's log by the model's handlers (trace validation)`,
  ];
}

export function formatTargetSteps(steps: readonly TargetStep[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    out.push(`${String(s.step).padStart(3)}. ${s.description}`);
    for (const m of s.sent) out.push(`       sent ${m}`);
    for (const l of s.learned) out.push(`       ${l.node} learned ${l.value}`);
    if (s.fault !== null) out.push(`       TARGET FAILED: ${s.fault}`);
    for (const b of s.broken) out.push(`       broken: ${b.property}: ${b.message}`);
  }
  return out;
}

/** What failed, in one line. */
export function caughtByStep(s: TargetStep): string {
  return s.fault !== null ? "the target failed to answer as the contract says" : s.broken.map((b) => b.property).join(", ");
}
