// Shared by `synod propose`, `synod get` and `synod stats`: the client flags and the client's lifetime.
import { z } from "zod";
import { readClusterFile, type ClusterConfig } from "../impl/config.ts";
import { UsageError, validate, type FlagSpec } from "./args.ts";
import { InvalidInputError } from "../impl/errors.ts";
import { ClusterClient } from "../impl/cluster-client.ts";
import { jsonLinesSink } from "../impl/trace-log.ts";
import { reportOperatorErrors } from "./operator-errors.ts";

export const clientFlags: FlagSpec = {
  cluster: { help: "the cluster file (synod new-cluster or synod cluster writes one) (required)" },
  deadline: { help: "give up after MS milliseconds without a quorum (default 10000)" },
  trace: { help: "append this proposer's protocol events to FILE as JSON lines (for synod validate-trace)" },
};

const Flags = z.strictObject({
  cluster: z.string({ error: "is required (a cluster file: synod new-cluster writes one)" }).min(1),
  deadline: z.coerce.number({ error: "must be a number of milliseconds" }).int().min(1).max(600_000).default(10_000),
  trace: z.string().min(1).optional(),
});

/** The cluster file named by --cluster (an operator's error if it is missing or bad). */
export async function clusterOf(flags: Record<string, unknown>): Promise<{ config: ClusterConfig; deadline: number; trace?: string }> {
  const f = validate(Flags, flags);
  if (/^[A-Za-z][\w.-]*=/.test(f.cluster)) throw new UsageError("--cluster: takes a cluster file now, not a list of addresses (a list carries no cluster key): synod new-cluster writes one");
  const config = await readClusterFile(f.cluster, (w) => console.error(`synod: warning: ${w}`));
  return { config, deadline: f.deadline, ...(f.trace ? { trace: f.trace } : {}) };
}

export async function withClient(command: string, flags: Record<string, unknown>, body: (c: ClusterClient, deadlineMs: number) => Promise<number>): Promise<number> {
  return reportOperatorErrors(command, async () => {
    const { config, deadline, trace: traceFile } = await clusterOf(flags);
    const trace = traceFile ? jsonLinesSink(traceFile) : null;
    // A traced proposer must propose itself, so that its log holds its protocol steps.
    const client = await ClusterClient.open(config, trace ? { trace: trace.sink, preferred: 0 } : {});
    try {
      return await body(client, deadline);
    } catch (e) {
      if (e instanceof InvalidInputError) throw new UsageError(e.message);
      throw e;
    } finally {
      await client.close();
      await trace?.close();
    }
  });
}
