// Shared by `synod propose` and `synod get`: the client flags and the store's lifetime.
import { z } from "zod";
import { parseClusterList, type ClusterConfig } from "../impl/config.ts";
import { UsageError, validate, type FlagSpec } from "./args.ts";
import { InvalidInputError, NoQuorumError } from "../impl/errors.ts";
import { openTcpStore } from "../impl/tcp-store.ts";
import { jsonLinesSink } from "../impl/trace-log.ts";
import type { RegisterStore } from "../impl/store.ts";

export const clientFlags: FlagSpec = {
  cluster: { help: "the acceptors, ID=HOST:PORT,... (required)" },
  deadline: { help: "give up after MS milliseconds without a quorum (default 10000)" },
  trace: { help: "append this proposer's protocol events to FILE as JSON lines (for synod validate-trace)" },
};

const Flags = z.strictObject({
  cluster: z.string({ error: "is required" }),
  deadline: z.coerce.number({ error: "must be a number of milliseconds" }).int().min(1).max(600_000).default(10_000),
  trace: z.string().min(1).optional(),
});

export async function withClient(flags: Record<string, unknown>, body: (s: RegisterStore, deadlineMs: number) => Promise<number>): Promise<number> {
  const f = validate(Flags, flags);
  let config: ClusterConfig;
  try {
    config = parseClusterList(f.cluster);
  } catch (e) {
    throw new UsageError(`--cluster: ${(e as z.ZodError).issues?.map((i) => i.message).join("; ") ?? String(e)}`);
  }
  const trace = f.trace ? jsonLinesSink(f.trace) : null;
  const store = await openTcpStore(config, trace ? { trace: trace.sink } : {});
  try {
    return await body(store, f.deadline);
  } catch (e) {
    if (e instanceof InvalidInputError) throw new UsageError(e.message);
    if (e instanceof NoQuorumError) {
      console.error(`synod: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await store.close();
    await trace?.close();
  }
}
