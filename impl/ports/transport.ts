// How nodes exchange frames. Delivery is best effort: a frame may be lost, duplicated or
// reordered, and Paxos is safe whatever the transport does.
import type { NodeId } from "../../protocol/messages.ts";
import type { PaxosFrame } from "../codec.ts";

export interface Transport {
  send(to: NodeId, frame: PaxosFrame): void;
  /**
   * Register the one handler for frames that arrive (already authenticated, parsed and
   * validated). It may return a promise that settles once the frame is handled, so that a
   * transport can stop reading from a sender that is too far ahead.
   */
  onFrame(handler: (frame: PaxosFrame) => void | Promise<void>): void;
  close(): Promise<void>;
}
