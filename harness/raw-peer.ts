// A raw socket to one node, for attacks and bad input: send bytes as they are, collect the
// frames the node sends back (decoded with a given key), and see who closed the connection.
import * as net from "node:net";
import { FrameDecoder, type WireBody } from "../impl/codec.ts";
import type { FrameAuth } from "../impl/frame-auth.ts";
import { splitHostPort } from "../impl/address.ts";

export type Exchange = { readonly closedByServer: boolean; readonly replies: WireBody[] };

/** Send `bytes`; wait until the node closes the connection or `waitMs` passes. */
export function exchange(address: string, bytes: Buffer, auth: FrameAuth, o: { waitMs?: number; endAfterMs?: number } = {}): Promise<Exchange> {
  return new Promise((resolve) => {
    const { host, port } = splitHostPort(address);
    const s = net.connect({ host, port });
    const dec = new FrameDecoder(auth);
    const replies: WireBody[] = [];
    let ended = false;
    s.on("data", (b: Buffer) => void replies.push(...dec.push(b).frames.map((f) => f.body)));
    s.on("connect", () => {
      s.write(bytes);
      if (o.endAfterMs !== undefined) setTimeout(() => ((ended = true), s.end()), o.endAfterMs);
    });
    s.on("error", () => {});
    s.on("close", () => resolve({ closedByServer: !ended, replies }));
    setTimeout(() => ((ended = true), s.destroy()), o.waitMs ?? 800); // a healthy connection stays open
  });
}
