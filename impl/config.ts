// The cluster: its id, its members (the acceptors, their ids and addresses) and the key its
// members share. The cluster decides who is a member and what a quorum is, not each client:
// every frame carries a digest of the membership, and a node refuses a frame whose digest
// differs from its own. A cluster file holds all of it, written once by `synod new-cluster`.
import { createHash, randomBytes } from "node:crypto";
import { readFile, stat, writeFile } from "node:fs/promises";
import { z } from "zod";
import { NodeId } from "../protocol/messages.ts";
import { HostPort } from "./address.ts";

export { HostPort } from "./address.ts";

export const ClusterId = z.string().regex(/^[a-z0-9][a-z0-9-]{3,63}$/, "a cluster id is 4 to 64 lowercase letters, digits or '-'");
export const ClusterKey = z.string().regex(/^[0-9a-f]{64}$/, "a cluster key is 64 hex digits (32 random bytes)");

export const Member = z.strictObject({ id: NodeId, address: HostPort });
export type Member = z.infer<typeof Member>;

export const ClusterConfig = z
  .strictObject({
    cluster: ClusterId,
    key: ClusterKey,
    acceptors: z.array(Member).min(1, "a cluster has at least one acceptor").max(15, "a cluster has at most 15 acceptors"),
  })
  .refine((c) => new Set(c.acceptors.map((a) => a.id)).size === c.acceptors.length, { message: "acceptor ids must be distinct", path: ["acceptors"] });
export type ClusterConfig = z.infer<typeof ClusterConfig>;

/** A new cluster: a fresh random id and key for these members. */
export function newCluster(acceptors: readonly Member[]): ClusterConfig {
  return ClusterConfig.parse({ cluster: `c-${randomBytes(6).toString("hex")}`, key: randomBytes(32).toString("hex"), acceptors });
}

/**
 * The membership digest carried by every frame: the cluster id and the sorted member ids.
 * Addresses are left out (a member may be reached under several names); the key is left out
 * (the frame's HMAC covers it).
 */
export function membershipDigest(c: Pick<ClusterConfig, "cluster" | "acceptors">): Buffer {
  const ids = c.acceptors.map((a) => a.id).sort();
  return createHash("sha256").update(`synod membership v1\n${c.cluster}\n${ids.join("\n")}`).digest().subarray(0, 8);
}

/** `a1=127.0.0.1:7001,a2=[::1]:7002`: members as `synod new-cluster --acceptors` takes them. */
export function parseMemberList(text: string): Member[] {
  return text
    .split(",")
    .filter((s) => s !== "")
    .map((item) => {
      const eq = item.indexOf("=");
      return Member.parse(eq < 0 ? { id: "", address: item } : { id: item.slice(0, eq), address: item.slice(eq + 1) });
    });
}

export class ClusterFileError extends Error {
  override readonly name = "ClusterFileError";
}

/** Read and check a cluster file; warns (through `warn`) when others may read its key. */
export async function readClusterFile(file: string, warn: (line: string) => void = () => {}): Promise<ClusterConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new ClusterFileError(`cannot read cluster file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ClusterFileError(`cluster file ${file} is not JSON (synod new-cluster writes one)`);
  }
  const r = ClusterConfig.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new ClusterFileError(`cluster file ${file}: ${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`);
  }
  if (((await stat(file)).mode & 0o077) !== 0) warn(`cluster file ${file} can be read by other users: it holds the cluster key (chmod 600 ${file})`);
  return r.data;
}

/** Write a cluster file readable by its owner only; never overwrites one. */
export async function writeClusterFile(file: string, c: ClusterConfig): Promise<void> {
  await writeFile(file, `${JSON.stringify(c, null, 2)}\n`, { mode: 0o600, flag: "wx" }).catch((e: NodeJS.ErrnoException) => {
    throw new ClusterFileError(e.code === "EEXIST" ? `${file} exists; a cluster file is never overwritten (its key would change)` : `cannot write ${file}: ${e.code ?? e.message}`);
  });
}
