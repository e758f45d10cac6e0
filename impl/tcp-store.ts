// Open a RegisterStore that talks to a TCP cluster: the client side of `synod propose` and
// `synod get`, and the library entry point for programs.
import { randomBytes } from "node:crypto";
import type { NodeId } from "../protocol/messages.ts";
import { MemoryStorage } from "./adapters/memory-storage.ts";
import { seededRng } from "./adapters/prng.ts";
import { systemClock } from "./adapters/system-clock.ts";
import { TcpTransport } from "./adapters/tcp-transport.ts";
import { ClusterConfig } from "./config.ts";
import { RegisterStore } from "./store.ts";
import type { Timing } from "./node.ts";
import type { TraceSink } from "./trace-log.ts";
import type { Rules } from "../protocol/rules.ts";

export type TcpStoreOptions = {
  /**
   * Proposer id. The default is fresh for every process (`c` + random hex): with no durable
   * round, a new identity is what guarantees this process never reuses a ballot.
   */
  readonly id?: NodeId;
  readonly timing?: Timing;
  readonly log?: (line: string) => void;
  /** Log this proposer's protocol events (trace validation: docs/validate-trace.md). */
  readonly trace?: TraceSink;
  /** The protocol's decision rules; Paxos Made Simple's by default. */
  readonly rules?: Rules;
};

/** A store whose proposer runs in this process, and the transport it talks through. */
export async function openTcpStoreWithTransport(config: ClusterConfig, o: TcpStoreOptions = {}): Promise<{ store: RegisterStore; transport: TcpTransport }> {
  const cfg = ClusterConfig.parse(config);
  const id = o.id ?? `c${randomBytes(8).toString("hex")}`;
  const transport = await TcpTransport.open({ self: id, cluster: cfg, ...(o.log ? { log: o.log } : {}) });
  const store = await RegisterStore.open({
    id,
    acceptors: cfg.acceptors.map((a) => a.id),
    transport,
    storage: new MemoryStorage(),
    clock: systemClock,
    rng: seededRng(randomBytes(4).readUInt32BE(0)),
    shortcuts: true,
    hints: () => transport.hints(),
    ...(o.timing ? { timing: o.timing } : {}),
    ...(o.trace ? { trace: o.trace } : {}),
    ...(o.rules ? { rules: o.rules } : {}),
  });
  transport.onControl((body) => {
    if (body.type === "refused") store.onRefused(body);
  });
  return { store, transport };
}

export async function openTcpStore(config: ClusterConfig, o: TcpStoreOptions = {}): Promise<RegisterStore> {
  return (await openTcpStoreWithTransport(config, o)).store;
}
