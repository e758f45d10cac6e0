// A data directory's identity: which node of which cluster it belongs to, written once when
// the directory is initialised and checked at every start, so that a node never runs on
// another node's log, and a directory that lost its contents is not silently started empty.
import * as path from "node:path";
import { z } from "zod";
import type { FileSystem } from "../ports/file-system.ts";
import { DataDirError } from "./errors.ts";
import { SEGMENT_NAME } from "./segment.ts";
import { SNAPSHOT_NAME } from "./snapshot.ts";

export const META_FILE = "synod.meta";
export type DirIdentity = { readonly cluster: string; readonly node: string };
const Meta = z.strictObject({ format: z.literal(1), cluster: z.string().min(1), node: z.string().min(1) });

/** Files a node writes in its directory; anything else there means it is not (only) ours. */
export const isLogFile = (n: string) => SEGMENT_NAME.test(n) || SNAPSHOT_NAME.test(n) || n.endsWith(".tmp");
const isOurs = (n: string) => n === META_FILE || n === "synod.lock" || isLogFile(n);

/** What the directory holds: an initialised log of this node, or nothing yet. Throws when neither. */
export async function checkDataDir(fs: FileSystem, dir: string, id: DirIdentity, init: boolean): Promise<"initialised" | "empty"> {
  const names = await fs.list(dir);
  if (names === null) throw new DataDirError(`data directory ${dir} does not exist`);
  const raw = await fs.readFile(path.join(dir, META_FILE));
  if (raw === null) {
    const foreign = names.filter((n) => !isOurs(n));
    if (foreign.length > 0) throw new DataDirError(`${dir} is not a synod data directory: it holds ${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ", ..." : ""} and no ${META_FILE}`);
    if (!init) {
      throw new DataDirError(
        `${dir} holds no synod data (no ${META_FILE}). If this node is new, start it once with --init. If it held data, restore the directory: starting it empty would forget the promises and votes it gave.`,
      );
    }
    return "empty";
  }
  let meta: z.infer<typeof Meta>;
  try {
    meta = Meta.parse(JSON.parse(raw.toString("utf8")));
  } catch {
    throw new DataDirError(`${path.join(dir, META_FILE)} is damaged: it is not the identity file a node writes`);
  }
  if (meta.cluster !== id.cluster || meta.node !== id.node) {
    throw new DataDirError(`${dir} belongs to node ${meta.node} of cluster ${meta.cluster}, not to node ${id.node} of cluster ${id.cluster}`);
  }
  return "initialised";
}

export function encodeMeta(id: DirIdentity): Buffer {
  return Buffer.from(`${JSON.stringify({ format: 1, cluster: id.cluster, node: id.node })}\n`, "utf8");
}
