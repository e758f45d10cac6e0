// The cluster configuration: which acceptors there are and where they listen. Validated with
// zod wherever it enters (library call, CLI flag, file).
import { z } from "zod";
import { NodeId } from "../protocol/messages.ts";

export const HostPort = z
  .string()
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, "an address is HOST:PORT, for example 127.0.0.1:7001")
  .refine((s) => Number(s.split(":")[1]) <= 65535, "a port is at most 65535");

export const ClusterConfig = z
  .strictObject({
    acceptors: z.array(z.strictObject({ id: NodeId, address: HostPort })).min(1, "a cluster has at least one acceptor"),
  })
  .refine((c) => new Set(c.acceptors.map((a) => a.id)).size === c.acceptors.length, { message: "acceptor ids must be distinct", path: ["acceptors"] });
export type ClusterConfig = z.infer<typeof ClusterConfig>;

/** `a1=127.0.0.1:7001,a2=127.0.0.1:7002`: the form taken by --cluster and --peers. */
export function parseClusterList(text: string): ClusterConfig {
  const acceptors = text
    .split(",")
    .filter((s) => s !== "")
    .map((item) => {
      const eq = item.indexOf("=");
      return eq < 0 ? { id: "", address: item } : { id: item.slice(0, eq), address: item.slice(eq + 1) };
    });
  return ClusterConfig.parse({ acceptors });
}

export function splitHostPort(addr: string): { host: string; port: number } {
  const i = addr.lastIndexOf(":");
  return { host: addr.slice(0, i), port: Number(addr.slice(i + 1)) };
}
