// A state of Paxos.tla as the HTML report shows it (model/inspection.ts): per acceptor maxBal,
// maxVBal and maxVal; the set of all messages ever sent (the spec's network: nothing leaves it,
// so every message stays "in flight"); the values chosen by the 2b messages. The spec names no
// leader, so the ballots' leaders are one participant of the sequence chart, "leaders".
import type { ChartEvent, Inspection } from "../inspection.ts";
import type { LamportAction } from "./actions.ts";
import { acceptorName, valueName, type LamportConfig } from "./config.ts";
import { describeMessage } from "./describe.ts";
import { chosenValues } from "./invariants.ts";
import type { LamportMessage, LamportState } from "./state.ts";

export const LEADERS = "leaders";

const showVal = (v: number | null) => (v === null ? "None" : valueName(v));

function ends(m: LamportMessage): { from: string; to: string } {
  return m.type === "1a" || m.type === "2a" ? { from: LEADERS, to: "acceptors" } : { from: acceptorName(m.acc), to: LEADERS };
}

export function inspectLamport(s: LamportState, config: LamportConfig): Inspection {
  return {
    nodes: s.maxBal.map((maxBal, a) => ({
      id: acceptorName(a),
      role: "acceptor",
      up: true,
      fields: [
        { name: "maxBal", value: String(maxBal) },
        { name: "maxVBal", value: String(s.maxVBal[a]) },
        { name: "maxVal", value: showVal(s.maxVal[a]!) },
      ],
    })),
    inFlight: s.msgs.map((m) => ({ ...ends(m), label: describeMessage(m) })),
    facts: [
      { name: "chosen", value: chosenValues(s, config).map(valueName).join(", ") || "nothing" },
      { name: "messages sent", value: String(s.msgs.length) },
    ],
  };
}

export function lamportChartEvent(x: LamportAction): ChartEvent {
  switch (x.phase) {
    case "Phase1a":
      return { kind: "note", over: [LEADERS], text: `sends 1a(bal=${x.bal})` };
    case "Phase1b":
      return { kind: "message", from: LEADERS, to: acceptorName(x.acc), label: `1a(bal=${x.bal})`, lost: false };
    case "Phase2a":
      return { kind: "note", over: [LEADERS], text: `sends 2a(bal=${x.bal}, val=${valueName(x.val)})` };
    case "Phase2b":
      return { kind: "message", from: LEADERS, to: acceptorName(x.acc), label: `2a(bal=${x.bal}, val=${valueName(x.val)})`, lost: false };
  }
}
