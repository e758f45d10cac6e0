// Authentication of frames: an HMAC-SHA256 over every frame, keyed by the cluster key, so
// that only holders of the key (the nodes and clients of the cluster) can send a frame that
// any node or client acts on. Frames are authenticated, not encrypted (docs/security.md).
import { createHmac, timingSafeEqual } from "node:crypto";
import { membershipDigest, type ClusterConfig } from "./config.ts";

export const MAC_BYTES = 32;

export class FrameAuth {
  private readonly key: Buffer;
  /** The membership digest this side sends, and expects (config.ts membershipDigest). */
  readonly view: Buffer;

  constructor(cluster: Pick<ClusterConfig, "cluster" | "key" | "acceptors">) {
    // A key of its own for frames (domain separation), derived from the cluster key.
    this.key = createHmac("sha256", Buffer.from(cluster.key, "hex")).update("synod frames v1").digest();
    this.view = membershipDigest(cluster);
  }

  mac(bytes: Uint8Array): Buffer {
    return createHmac("sha256", this.key).update(bytes).digest();
  }

  verify(bytes: Uint8Array, mac: Uint8Array): boolean {
    return mac.length === MAC_BYTES && timingSafeEqual(this.mac(bytes), mac);
  }
}
