// impl/'s acceptor answering what it refuses (mbt/acceptor-refusal-check.ts): the correct acceptor
// sends a Nack naming its promise (Nacks on) or nothing (off); one that accepts below its promise
// fails the check, which names the step and what was sent.
import { describe, expect, it } from "vitest";
import { checkAcceptorRefusals } from "../../mbt/acceptor-refusal-check.ts";
import { correctRules } from "../../protocol/rules.ts";

describe("the check of an acceptor's refusals", () => {
  it("passes the correct acceptor", async () => {
    expect(await checkAcceptorRefusals()).toEqual({ passed: true, detail: "a Prepare and an Accept below the promise answered with a Nack naming it (Nacks on, and by default) and in silence (off); the ballot promised and voted for answered" });
  });

  it("fails an acceptor that accepts below its promise", async () => {
    const r = await checkAcceptorRefusals({ ...correctRules, acceptAllowed: () => true });
    expect(r.passed).toBe(false);
    expect(r.detail).toMatch(/^with Nacks on, an Accept below its promise: expected nack to p2 .*, got accepted to p2 /);
  });
});
