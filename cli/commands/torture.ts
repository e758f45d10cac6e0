// synod torture: real node processes on loopback under a nemesis (kill -9, pauses,
// partitions, disk faults) while clients propose and read; then every key's history is
// checked for linearizability. Exit 0: no anomaly; 1: an anomaly (its minimal part is
// printed); 2: bad usage.
import { z } from "zod";
import type { Command } from "../main.ts";
import { runCommand, helpText, validate, UsageError, type FlagSpec } from "../args.ts";
import { torture } from "../../harness/torture.ts";
import { faultKinds, type FaultKind } from "../../harness/nemesis.ts";
import { clientVariants, type ClientVariant } from "../../harness/client-variants.ts";
import { describeAnomaly } from "../../lincheck/describe.ts";

const flags: FlagSpec = {
  seconds: { help: "how long the clients and the nemesis run (default 30)" },
  seed: { help: "seed of the clients' choices and of the faults (default 1)" },
  nodes: { help: "acceptor processes (default 3)" },
  clients: { help: "concurrent clients (default 8)" },
  faults: { help: `faults the nemesis uses, comma-separated: ${faultKinds.join(", ")} (default all but disk)` },
  variant: { help: `the clients: ${Object.keys(clientVariants).join(", ")} (default correct; a broken one must be caught)` },
  dir: { help: "keep the nodes' data, cluster files and the history (history.jsonl) here" },
  verbose: { boolean: true, help: "print each fault as it happens" },
};

const Flags = z.strictObject({
  seconds: z.coerce.number({ error: "must be a number" }).positive().max(86_400).default(30),
  seed: z.coerce.number({ error: "must be a number" }).int().min(0).default(1),
  nodes: z.coerce.number({ error: "must be a number" }).int().min(1).max(7).default(3),
  clients: z.coerce.number({ error: "must be a number" }).int().min(1).max(200).default(8),
  faults: z.string().optional(),
  variant: z.enum(Object.keys(clientVariants) as [ClientVariant, ...ClientVariant[]], { error: () => `must be one of: ${Object.keys(clientVariants).join(", ")}` }).default("correct"),
  dir: z.string().min(1).optional(),
  verbose: z.boolean().optional(),
});

export const command: Command = {
  summary: "run real nodes under a nemesis and check the clients' history for linearizability",
  run: (argv) =>
    runCommand("torture", argv, flags, helpText("usage: synod torture [--seconds 30] [--seed 1] [--faults kill,pause,partition,...] [--variant NAME] [--dir DIR]", flags), async ({ flags: f, positionals }) => {
      if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
      const o = validate(Flags, f);
      const faults = (o.faults?.split(",").filter(Boolean) ?? ["kill", "kill-majority", "pause", "partition"]) as FaultKind[];
      const bad = faults.find((x) => !faultKinds.includes(x));
      if (bad) throw new UsageError(`--faults: '${bad}' is not one of ${faultKinds.join(", ")}`);
      console.log(`synod torture: seed ${o.seed}, ${o.seconds} s, ${o.nodes} nodes, ${o.clients} clients (${o.variant}), faults: ${faults.join(", ")}`);
      const r = await torture({ seconds: o.seconds, seed: o.seed, nodes: o.nodes, clients: o.clients, faults, variant: o.variant, ...(o.dir ? { dir: o.dir } : {}), ...(o.verbose ? { log: (l: string) => console.log(`  ${l}`) } : {}) });
      const total = r.operations.ok + r.operations.fail + r.operations.info;
      const c = r.check;
      console.log(`nemesis: ${[...r.faults].map(([k, n]) => `${n} ${k}`).join(", ") || "no fault"}${r.failStops ? `; ${r.failStops} fail-stops after disk faults` : ""}`);
      console.log(`operations: ${total.toLocaleString("en-US")} (ok ${r.operations.ok.toLocaleString("en-US")}, fail ${r.operations.fail}, unknown ${r.operations.info.toLocaleString("en-US")}) on ${c.keys.toLocaleString("en-US")} keys`);
      console.log(`linearizability: ${c.keys.toLocaleString("en-US")} key histories checked in ${(c.ms / 1000).toFixed(1)} s: ${c.linearizable.toLocaleString("en-US")} linearizable, ${c.anomalies.length} not, ${c.unknown.length} unknown (search budget ran out)`);
      if (r.historyFile) console.log(`history: ${r.historyFile}`);
      for (const a of c.anomalies.slice(0, 5)) console.log(describeAnomaly(a).join("\n"));
      console.log(c.anomalies.length ? `ANOMALIES: ${c.anomalies.length} keys are not linearizable` : "PASS: every checked history is linearizable");
      return c.anomalies.length ? 1 : 0;
    }),
};
