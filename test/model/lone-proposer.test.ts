// "A lone proposer with a fault-free network gets its value chosen in two round trips."
import { describe, expect, it } from "vitest";
import { parseModelConfig } from "../../model/basic-paxos/config.ts";
import { createPaxosModel } from "../../model/basic-paxos/paxos-model.ts";
import { toView } from "../../model/basic-paxos/view.ts";
import { chosenValues } from "../../protocol/chosen.ts";
import type { Action } from "../../model/basic-paxos/actions.ts";
import type { PaxosState } from "../../model/basic-paxos/state.ts";
import { explore, explorePacked } from "../support/explore.ts";

const config = parseModelConfig({ proposers: 1, losses: 0, retries: 0, loss: false, duplication: false });
const model = createPaxosModel(config);

/** Delivers every message of `type` in flight, in order. */
function deliverAll(s: PaxosState, type: string): PaxosState {
  for (const e of s.network.filter((x) => x.msg.type === type)) s = model.next(s, { kind: "deliver", to: e.to, msg: e.msg } as Action);
  return s;
}

describe("a lone proposer on a fault-free network", () => {
  it("gets its value chosen and learned in two round trips", async () => {
    let s = model.next(model.initialStates()[0]!, { kind: "propose", proposer: "p1" });
    s = deliverAll(s, "prepare"); // round trip 1: Prepare out,
    s = deliverAll(s, "promise"); // Promise back (Accept goes out at the quorum)
    expect(chosenValues(toView(s))).toEqual([]);
    s = deliverAll(s, "accept"); // round trip 2: Accept out,
    expect(chosenValues(toView(s))).toEqual(["A"]);
    s = deliverAll(s, "accepted"); // Accepted back
    expect(s.proposers[0]!.learned).toBe("A");
  });

  it("verifies exhaustively, progress included", async () => {
    const result = await explore(model);
    expect(result.verdict).toBe("verified");
  });
});
