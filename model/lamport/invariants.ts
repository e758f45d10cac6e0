// The invariants Paxos.tla and Voting.tla state, over the object state. "Chosen" and
// "voted" are read from the 2b messages, as the spec defines them, never from anyone's belief.
import type { StateCheck, WitnessCheck } from "../../checker/model.ts";
import { acceptorName, valueName, type LamportConfig } from "./config.ts";
import { majority } from "../../protocol/quorum.ts";
import { votedFor, type LamportState } from "./state.ts";

/** chosen(v): some majority voted for v in one ballot. */
export function chosenValues(s: LamportState, c: LamportConfig): number[] {
  const out: number[] = [];
  for (let v = 0; v < c.values; v++) {
    for (let b = 0; b <= c.ballots; b++) {
      if (countAcceptors(c, (a) => votedFor(s, a, b, v)) >= majority(c.acceptors)) {
        out.push(v);
        break;
      }
    }
  }
  return out;
}

function countAcceptors(c: LamportConfig, p: (a: number) => boolean): number {
  let n = 0;
  for (let a = 0; a < c.acceptors; a++) if (p(a)) n++;
  return n;
}

/** Voting.tla's SafeAt(b, v): for every lower ballot c, a majority voted v at c or cannot vote at c. */
export function safeAt(s: LamportState, c: LamportConfig, b: number, v: number): boolean {
  for (let lower = 0; lower < b; lower++) {
    const cannotVote = (a: number) => s.maxBal[a]! > lower && ![...Array(c.values).keys()].some((w) => votedFor(s, a, lower, w));
    if (countAcceptors(c, (a) => votedFor(s, a, lower, v) || cannotVote(a)) < majority(c.acceptors)) return false;
  }
  return true;
}

const inBallots = (c: LamportConfig, b: number) => Number.isInteger(b) && b >= -1 && b <= c.ballots;

export function lamportInvariants(c: LamportConfig): StateCheck<LamportState>[] {
  const typeOk: StateCheck<LamportState> = {
    id: "type-ok",
    check(s) {
      for (let a = 0; a < c.acceptors; a++) {
        if (!inBallots(c, s.maxBal[a]!) || !inBallots(c, s.maxVBal[a]!)) return `${acceptorName(a)} has a ballot outside -1..${c.ballots}`;
        const val = s.maxVal[a];
        if (val !== null && !(val! >= 0 && val! < c.values)) return `${acceptorName(a)} has maxVal outside the values and None`;
      }
      const bad = s.msgs.find((m) => !inBallots(c, m.bal) || m.bal < 0 || ("acc" in m && !(m.acc >= 0 && m.acc < c.acceptors)));
      return bad ? `message ${JSON.stringify(bad)} is not a Message` : null;
    },
  };
  const consistency: StateCheck<LamportState> = {
    id: "consistency",
    check(s) {
      const chosen = chosenValues(s, c);
      return chosen.length > 1 ? `more than one value chosen: ${chosen.map(valueName).join(", ")}` : null;
    },
  };
  const votesSafe: StateCheck<LamportState> = {
    id: "votes-safe",
    check(s) {
      for (const m of s.msgs) {
        if (m.type === "2b" && !safeAt(s, c, m.bal, m.val)) return `${acceptorName(m.acc)} voted ${valueName(m.val)} in ballot ${m.bal}, where it is not safe`;
      }
      return null;
    },
  };
  const oneValuePerBallot: StateCheck<LamportState> = {
    id: "one-value-per-ballot",
    check(s) {
      const seen = new Map<number, number>();
      for (const m of s.msgs) {
        if (m.type !== "2b") continue;
        const other = seen.get(m.bal);
        if (other !== undefined && other !== m.val) return `ballot ${m.bal} has votes for ${valueName(other)} and ${valueName(m.val)}`;
        seen.set(m.bal, m.val);
      }
      return null;
    },
  };
  return [typeOk, consistency, votesSafe, oneValuePerBallot];
}

export function lamportWitnesses(c: LamportConfig): WitnessCheck<LamportState>[] {
  return [{ id: "value-chosen", reached: (s) => chosenValues(s, c).length > 0 }];
}
