// Fail-stop: once a write fails, a node takes no further part (docs/impl.md). Lockstep and the
// own-timers runs never fail a write, so a node that went on after one would pass them. Here a
// node (an acceptor with a request of its own waiting) has a write fail while another key's write
// is still in flight. It must stop with the failure, answer its waiting request with it, send
// nothing when the other write completes, and neither write, send nor refuse a frame that reaches
// it afterwards (the transport may still hand it frames it had read).
import type { Message, NodeId } from "../protocol/messages.ts";
import type { WalRecord } from "../impl/core/effects.ts";
import type { Storage } from "../impl/ports/storage.ts";
import { MemoryNetwork } from "../impl/adapters/memory-transport.ts";
import { PaxosNode, type NodeOptions } from "../impl/node.ts";

const ACCEPTORS: readonly NodeId[] = ["a1", "a2", "a3"];
const prepare = (round: number): Message => ({ type: "prepare", from: "p2", ballot: { round, proposer: "p2" } });

/** Writes of key "held" wait until released; writes of key "doomed" fail; every other write succeeds. */
class GatedStorage implements Storage {
  readonly written: WalRecord[] = [];
  readonly failure = new Error("the disk refused the write (simulated)");
  private release: () => void = () => {};
  async load(): Promise<readonly WalRecord[]> {
    return [];
  }
  async append(records: readonly WalRecord[]): Promise<void> {
    if (records.some((r) => r.key === "doomed")) throw this.failure;
    if (records.some((r) => r.key === "held")) await new Promise<void>((r) => (this.release = r));
    this.written.push(...records);
  }
  releaseHeld(): void {
    this.release();
  }
  async close(): Promise<void> {}
}

export type FailStopResult = { readonly passed: boolean; readonly detail: string };

/** What the check drives of a node. */
export type FailStopNode = Pick<PaxosNode, "request" | "receive" | "fatal">;

/** `start` makes the node (PaxosNode.start): a test's way to give the check a node that breaks fail-stop. */
export async function checkFailStop(start: (o: NodeOptions) => Promise<FailStopNode> = PaxosNode.start): Promise<FailStopResult> {
  const network = new MemoryNetwork();
  const storage = new GatedStorage();
  let refusals = 0;
  const node = await start({ id: "a1", acceptors: ACCEPTORS, transport: network.endpoint("a1"), storage, nack: false, onRefused: () => void refusals++ });
  const fail = (detail: string) => ({ passed: false, detail });
  const answer = node.request("mine", "A").then(() => "answered with a value", (e: Error) => (e === storage.failure ? "failed with the write's failure" : `failed with another error: ${e.message}`));
  const held = node.receive({ type: "paxos", key: "held", msg: prepare(1) });
  await node.receive({ type: "paxos", key: "doomed", msg: prepare(1) });
  if (node.fatal !== storage.failure) return fail(`after a failed write the node did not stop with it (${node.fatal ? `stopped with: ${node.fatal.message}` : "still running"})`);
  const sentBefore = network.inFlight.length;
  const writtenBefore = storage.written.length;
  storage.releaseHeld();
  await held;
  if (network.inFlight.length > sentBefore) return fail(`a write that completed after the node stopped was answered: ${JSON.stringify(network.inFlight.at(-1)!.frame.msg)}`);
  await node.receive({ type: "paxos", key: "late", msg: prepare(2) });
  // A frame it would refuse (a Promise from outside the cluster): a stopped node does not even refuse.
  await node.receive({ type: "paxos", key: "late", msg: { type: "promise", from: "x9", ballot: { round: 2, proposer: "a1" }, voted: null } });
  const lateWrites = storage.written.length - writtenBefore - 1;
  if (lateWrites > 0 || network.inFlight.length > sentBefore || refusals > 0) return fail(`frames that reached the stopped node were acted on: ${lateWrites} records written, ${network.inFlight.length - sentBefore} frames sent, ${refusals} refused`);
  const outcome = await answer;
  if (outcome !== "failed with the write's failure") return fail(`the node's waiting request was ${outcome}`);
  return { passed: true, detail: "a failed write stopped the node with it; its waiting request failed with it; a write completing later and frames arriving later were not acted on" };
}
