// Fail-stop after a failed write (mbt/fail-stop-check.ts): the correct node passes; a node that a
// supervisor quietly replaces after it stopped (same address, empty storage) fails, the check
// naming what the replacement did.
import { describe, expect, it } from "vitest";
import { checkFailStop, type FailStopNode } from "../../mbt/fail-stop-check.ts";
import { MemoryStorage } from "../../impl/adapters/memory-storage.ts";
import { PaxosNode, type NodeOptions } from "../../impl/node.ts";

describe("the check of fail-stop", () => {
  it("passes the correct node", async () => {
    expect(await checkFailStop()).toEqual({ passed: true, detail: "a failed write stopped the node with it; its waiting request failed with it; a write completing later and frames arriving later were not acted on" });
  });

  it("fails a node replaced behind its back once it stopped", async () => {
    const restartedQuietly = async (o: NodeOptions): Promise<FailStopNode> => {
      const first = await PaxosNode.start(o);
      let spare: PaxosNode | null = null;
      return {
        get fatal() {
          return first.fatal;
        },
        request: (key, value) => first.request(key, value),
        receive: async (frame) => {
          if (!first.fatal) return first.receive(frame);
          spare ??= await PaxosNode.start({ ...o, storage: new MemoryStorage() });
          return spare.receive(frame);
        },
      };
    };
    const r = await checkFailStop(restartedQuietly);
    expect(r).toEqual({ passed: false, detail: "frames that reached the stopped node were acted on: 0 records written, 1 frames sent, 1 refused" });
  });
});
