// Ask every node of a cluster for its stats (counters, keys, memory) over an authenticated
// connection: `synod stats`, and the measurements of the benchmark and the attack scripts.
import { randomBytes } from "node:crypto";
import type { NodeId } from "../protocol/messages.ts";
import { TcpTransport } from "./adapters/tcp-transport.ts";
import type { ClusterConfig } from "./config.ts";

export async function askStats(config: ClusterConfig, deadlineMs = 5000): Promise<Map<NodeId, Record<string, number>>> {
  const transport = await TcpTransport.open({ self: `s${randomBytes(6).toString("hex")}`, cluster: config });
  const got = new Map<NodeId, Record<string, number>>();
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, deadlineMs);
      transport.onControl((body) => {
        if (body.type !== "stats-reply") return;
        got.set(body.from, body.stats);
        if (got.size === config.acceptors.length) (clearTimeout(timer), resolve());
      });
      config.acceptors.forEach((a, i) => transport.sendBody(a.id, { type: "stats", id: i }));
    });
  } finally {
    await transport.close();
  }
  return got;
}
