// Real counterexamples for the report's tests: the shortest run of the quorum-n-over-2 model
// variant (5 steps, found in a fraction of a second) and the implementation's quorum-n-over-2
// variant failing lockstep (caught in the first schedule).
import { check } from "../../checker/check.ts";
import { definition } from "../../model/basic-paxos/definition.ts";
import { catalogueEntry, DEFAULT_BUDGET } from "../../mbt/catalogue.ts";
import { checkLockstep } from "../../mbt/property.ts";
import { violationOf } from "../../mbt/trace.ts";
import { checkDocument } from "../../cli/check-document.ts";
import { mbtDocument } from "../../cli/mbt-document.ts";
import { lockstepView } from "../../report/lockstep-view.ts";
import type { CounterexampleView, ReportDocument } from "../../report/html/document.ts";

export async function quorumBugCheck() {
  const config = definition.parseConfig({ losses: 0, retries: 0 });
  const model = definition.create(config, "quorum-n-over-2");
  const result = await check({ definition, config, variant: "quorum-n-over-2" });
  return { model, result, document: checkDocument("synod check --mutant quorum-n-over-2 --losses 0 --retries 0", { model: model as never, mutant: "quorum-n-over-2" }, result as never, ".synod/q.json") };
}

export async function quorumBugLockstep(): Promise<{ document: ReportDocument; view: CounterexampleView }> {
  const entry = catalogueEntry("quorum-n-over-2");
  const options = { config: entry.config, variant: entry.variant, storage: "memory" as const };
  const r = await checkLockstep(options, { ...DEFAULT_BUDGET, runs: 50 });
  const view = await lockstepView(options, r.failure!.run.actions, { title: "quorum-n-over-2", source: "test", expected: true, violation: violationOf(r.failure!.run.failed!) });
  return { document: await mbtDocument("synod mbt --variant quorum-n-over-2", options, r, undefined), view };
}
