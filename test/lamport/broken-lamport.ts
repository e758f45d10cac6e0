// A broken Paxos.tla for tests: Phase2a proposes any value once a quorum has joined,
// ignoring the votes the 1b messages report. The invariants must catch it.
import type { LamportAction } from "../../model/lamport/actions.ts";
import { phase2aValues } from "../../model/lamport/actions.ts";
import type { LamportConfig } from "../../model/lamport/config.ts";
import { createLamportModel, type LamportModel } from "../../model/lamport/model.ts";
import { send } from "../../model/lamport/state.ts";

export function createIgnoreVotesModel(config: LamportConfig): LamportModel {
  const base = createLamportModel(config);
  const c = base.config;
  return {
    ...base,
    name: "lamport-paxos-ignore-votes",
    actions(s) {
      const out: LamportAction[] = base.actions(s).filter((x) => x.phase !== "Phase2a");
      for (let bal = 0; bal <= c.ballots; bal++) {
        const quorumJoined = phase2aValues(s, c.acceptors, c.values, bal).size > 0;
        for (let val = 0; val < c.values && quorumJoined; val++) out.push({ phase: "Phase2a", bal, val });
      }
      return out;
    },
    next(s, x) {
      return x.phase === "Phase2a" ? { ...s, msgs: send(s.msgs, { type: "2a", bal: x.bal, val: x.val }) } : base.next(s, x);
    },
  };
}
