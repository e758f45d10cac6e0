// A run of the Basic Paxos model as a Mermaid sequence diagram: deliveries are arrows from
// sender to receiver; proposals, timeouts, losses, crashes and restarts are notes.
import type { Action } from "./actions.ts";
import { describeMessage } from "./describe.ts";

export function sequenceDiagram(participants: readonly string[], actions: readonly Action[]): string {
  const lines = ["sequenceDiagram", ...participants.map((p) => `  participant ${p}`)];
  for (const a of actions) {
    switch (a.kind) {
      case "deliver":
        lines.push(`  ${a.msg.from}->>${a.to}: ${describeMessage(a.msg)}`);
        break;
      case "lose":
        lines.push(`  Note over ${a.msg.from},${a.to}: lost ${describeMessage(a.msg)}`);
        break;
      case "propose":
      case "timeout":
        lines.push(`  Note over ${a.proposer}: ${a.kind}, starts its next ballot`);
        break;
      case "crash":
      case "restart":
        lines.push(`  Note over ${a.node}: ${a.kind}`);
        break;
      case "restart-amnesia":
        lines.push(`  Note over ${a.node}: restart with its state lost`);
        break;
    }
  }
  return lines.join("\n");
}
