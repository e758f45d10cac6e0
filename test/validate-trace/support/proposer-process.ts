// A proposer in a process of its own that logs its protocol events, as the trace validation
// tests need (acceptors log with `synod serve --trace`). Proposes every KEY=VALUE at once and
// prints the answers as JSON on one line.
//   node --import tsx proposer-process.ts --cluster CLUSTER-FILE --trace FILE --id p1 [--variant NAME] KEY=VALUE...
import { parseArgs } from "node:util";
import { readClusterFile } from "../../../impl/config.ts";
import { VariantName, rulesFor } from "../../../harness/impl-variants.ts";
import { openTracedClient } from "../../../tracecheck/traced-cluster.ts";

const { values, positionals } = parseArgs({
  options: { cluster: { type: "string" }, trace: { type: "string" }, id: { type: "string" }, variant: { type: "string" } },
  allowPositionals: true,
});
const client = await openTracedClient(await readClusterFile(values.cluster!), values.trace!, {
  id: values.id!,
  ...(values.variant ? { rules: rulesFor(VariantName.parse(values.variant)) } : {}),
});
try {
  const pairs = positionals.map((p) => p.split("=") as [string, string]);
  const answers = await Promise.all(pairs.map(([k, v]) => client.store.propose(k, v, { deadlineMs: 20_000 })));
  console.log(JSON.stringify(Object.fromEntries(pairs.map(([k], i) => [k, answers[i]]))));
} finally {
  await client.close();
}
