// Actions and changes in the spec's words: `Phase1b(a2) on 1a(bal=1)`, `maxBal[a2]: -1 -> 1`.
import { acceptorName, valueName } from "./config.ts";
import type { LamportAction } from "./actions.ts";
import { messageKey, type LamportMessage, type LamportState } from "./state.ts";

export function describeLamportAction(x: LamportAction): string {
  switch (x.phase) {
    case "Phase1a": return `Phase1a(${x.bal})`;
    case "Phase1b": return `Phase1b(${acceptorName(x.acc)}) on 1a(bal=${x.bal})`;
    case "Phase2a": return `Phase2a(${x.bal}, ${valueName(x.val)})`;
    case "Phase2b": return `Phase2b(${acceptorName(x.acc)}) on 2a(bal=${x.bal}, val=${valueName(x.val)})`;
  }
}

export function describeMessage(m: LamportMessage): string {
  switch (m.type) {
    case "1a": return `1a(bal=${m.bal})`;
    case "1b": return `1b(acc=${acceptorName(m.acc)}, bal=${m.bal}, mbal=${m.mbal}, mval=${m.mval === null ? "None" : valueName(m.mval)})`;
    case "2a": return `2a(bal=${m.bal}, val=${valueName(m.val)})`;
    case "2b": return `2b(acc=${acceptorName(m.acc)}, bal=${m.bal}, val=${valueName(m.val)})`;
  }
}

const showVal = (v: number | null) => (v === null ? "None" : valueName(v));

export function describeLamportChange(before: LamportState, after: LamportState): string[] {
  const out: string[] = [];
  for (let a = 0; a < after.maxBal.length; a++) {
    if (before.maxBal[a] !== after.maxBal[a]) out.push(`maxBal[${acceptorName(a)}]: ${before.maxBal[a]} -> ${after.maxBal[a]}`);
    if (before.maxVBal[a] !== after.maxVBal[a]) out.push(`maxVBal[${acceptorName(a)}]: ${before.maxVBal[a]} -> ${after.maxVBal[a]}`);
    if (before.maxVal[a] !== after.maxVal[a]) out.push(`maxVal[${acceptorName(a)}]: ${showVal(before.maxVal[a]!)} -> ${showVal(after.maxVal[a]!)}`);
  }
  const old = new Set(before.msgs.map(messageKey));
  for (const m of after.msgs) if (!old.has(messageKey(m))) out.push(`sent ${describeMessage(m)}`);
  return out.length > 0 ? out : ["nothing (the message was already sent)"];
}
