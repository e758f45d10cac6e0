import type { Eventually } from "../property.ts";
import type { LogView } from "./view.ts";

export const everyRequestApplied: Eventually<LogView> = {
  kind: "eventually",
  id: "eventually-every-request-applied",
  title: "Every request eventually applied",
  statement: "On every fair run, every requested command is eventually decided and applied by every live replica.",
  rationale:
    "A log that stops growing keeps every safety invariant. Once faults stop and a leader is left alone, each request must get a slot, be chosen there, and reach every replica, with every gap below it filled. Fair: receipts by live nodes (so no message is lost for ever), a leader's end of phase 1, proposals, decisions and heartbeats, and the timeout that fires when no live node leads; crashes, restarts and wrong suspicions need not happen.",
  maintainedBy: "A stable leader proposing each pending request in the lowest free slot, and heartbeats carrying its decisions to the replicas.",
  goal: (view) => view.requested.every((c) => view.replicas.every((r) => !r.up || r.applied.includes(c))),
};
