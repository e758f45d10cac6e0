// A restart from the log's snapshot (mbt/restart-check.ts): the correct node and memory storage
// pass; a storage whose snapshot drops the promise it holds beside a vote fails, the check naming
// the inputs, the state before and the state after.
import { describe, expect, it } from "vitest";
import { checkRestart } from "../../mbt/restart-check.ts";
import { MemoryStorage } from "../../impl/adapters/memory-storage.ts";
import type { WalRecord } from "../../impl/core/effects.ts";

/** Gives back its snapshot without a promise where the key also has a vote. */
class SnapshotWithoutPromisesAboveVotes extends MemoryStorage {
  override async load(): Promise<readonly WalRecord[]> {
    const all = await super.load();
    return all.filter((r) => r.t !== "promise" || !all.some((v) => v.t === "vote" && v.key === r.key));
  }
}

describe("the check of a restart from a snapshot", () => {
  it("passes the correct node on memory storage", async () => {
    expect(await checkRestart()).toEqual({ passed: true, detail: "399 keys, each after its own inputs (up to 3 Prepares, Accepts and requests), kept their promise, vote and round across two restarts from a snapshot of one record per fact" });
  });

  it("fails a snapshot that loses a promise above a vote", async () => {
    expect(await checkRestart(new SnapshotWithoutPromisesAboveVotes())).toEqual({ passed: false, detail: "after Prepare 1.p1, Accept 1.p1, Prepare 1.p2 and restart 1: promise 1.p1, vote A in 1.p1, round 0, but before it promise 1.p2, vote A in 1.p1, round 0" });
  });
});
