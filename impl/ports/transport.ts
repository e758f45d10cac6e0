// How nodes exchange frames. Delivery is best effort: a frame may be lost, duplicated or
// reordered, and Paxos is safe whatever the transport does.
import type { NodeId } from "../../protocol/messages.ts";
import type { PaxosFrame } from "../codec.ts";

export interface Transport {
  send(to: NodeId, frame: PaxosFrame): void;
  /** Register the one handler for frames that arrive (already parsed and validated). */
  onFrame(handler: (frame: PaxosFrame) => void): void;
  close(): Promise<void>;
}
