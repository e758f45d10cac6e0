// The packed Paxos.tla as worker threads rebuild it (checker/packed-spec.ts).
import type { PackedSpec } from "../../checker/packed-spec.ts";
import type { LamportConfig } from "./config.ts";

export function lamportPackedSpec(config: LamportConfig): PackedSpec {
  return { module: new URL("./packed.ts", import.meta.url).href, factory: "createPackedLamport", config };
}
