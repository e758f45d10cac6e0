// Inside the checker's hot loop messages are built by typed constructors, not parsed; this
// proves that every message the model can produce passes its zod schema all the same.
import { describe, expect, it } from "vitest";
import { Message } from "../../protocol/messages.ts";
import { parseModelConfig } from "../../model/basic-paxos/config.ts";
import { createPaxosModel } from "../../model/basic-paxos/paxos-model.ts";
import { findVariant } from "../../model/basic-paxos/catalogue.ts";
import type { PaxosState } from "../../model/basic-paxos/state.ts";
import { canonicalHash } from "../../checker/canonical-hash.ts";

function everyMessage(config: Parameters<typeof parseModelConfig>[0], variantName?: string) {
  const model = createPaxosModel(parseModelConfig(config), variantName ? findVariant(variantName) : undefined);
  const seen = new Map<string, unknown>();
  const queue: PaxosState[] = [...model.initialStates()];
  const visited = new Set<string>();
  while (queue.length > 0) {
    const s = queue.pop()!;
    const key = canonicalHash(s).join(",");
    if (visited.has(key)) continue;
    visited.add(key);
    for (const e of s.network) seen.set(JSON.stringify(e.msg), e.msg);
    for (const a of model.actions(s)) queue.push(model.next(s, a));
  }
  return [...seen.values()];
}

describe("messages the model produces", () => {
  it("all pass the wire schema, of every type", () => {
    const messages = [...everyMessage({ acceptors: 2, losses: 0, retries: 0 }), ...everyMessage({ acceptors: 2, losses: 0, retries: 0, nacks: true, duplication: false }, "nack-instead-of-silence")];
    const types = new Set<string>();
    for (const m of messages) {
      const parsed = Message.safeParse(m);
      expect(parsed.success, JSON.stringify(m)).toBe(true);
      types.add((m as { type: string }).type);
    }
    expect([...types].sort()).toEqual(["accept", "accepted", "nack", "prepare", "promise"]);
  });

  it("the schema rejects a message with a bad field", () => {
    expect(Message.safeParse({ type: "promise", from: "a1", ballot: { round: -1, proposer: "p1" }, voted: null }).success).toBe(false);
  });
});
