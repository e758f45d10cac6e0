// An in-memory network that a test drives step by step. Nothing moves on its own: every
// frame sent waits in `inFlight` until the test delivers, loses or duplicates it (holding a
// frame back is just delivering others first). `pump()` delivers in order for tests that
// only want a working network.
import type { NodeId } from "../../protocol/messages.ts";
import type { PaxosFrame } from "../codec.ts";
import type { Transport } from "../ports/transport.ts";

export type Envelope = { readonly id: number; readonly from: NodeId; readonly to: NodeId; readonly frame: PaxosFrame };

export class MemoryNetwork {
  readonly inFlight: Envelope[] = [];
  private nextId = 1;
  private readonly handlers = new Map<NodeId, (frame: PaxosFrame) => void>();

  endpoint(self: NodeId): Transport {
    return {
      send: (to, frame) => void this.inFlight.push({ id: this.nextId++, from: self, to, frame }),
      onFrame: (h) => void this.handlers.set(self, h),
      close: async () => void this.handlers.delete(self),
    };
  }

  /** A crashed node stops receiving; frames addressed to it stay in flight. */
  detach(id: NodeId): void {
    this.handlers.delete(id);
  }

  /** Remove the frame at `index` and hand it to its receiver (dropped if the receiver is down). */
  deliver(index: number): Envelope {
    const [env] = this.inFlight.splice(this.at(index), 1);
    this.handlers.get(env!.to)?.(env!.frame);
    return env!;
  }

  lose(index: number): Envelope {
    return this.inFlight.splice(this.at(index), 1)[0]!;
  }

  /** Put a second copy of the frame at `index` in flight. */
  duplicate(index: number): Envelope {
    const env = this.inFlight[this.at(index)]!;
    const copy = { ...env, id: this.nextId++ };
    this.inFlight.push(copy);
    return copy;
  }

  /** Deliver the oldest frames one by one, at most `max`; returns how many were delivered. */
  pump(max = 10_000): number {
    let n = 0;
    while (this.inFlight.length > 0 && n < max) {
      this.deliver(0);
      n++;
    }
    return n;
  }

  private at(index: number): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.inFlight.length) {
      throw new RangeError(`no in-flight frame at index ${index} (${this.inFlight.length} in flight)`);
    }
    return index;
  }
}
