// Every model Synod checks, by name: adding a protocol is a folder with a definition.ts and one
// line here (docs/architecture.md).
import { ModelRegistry } from "../checker/registry.ts";
import { definition as basicPaxos } from "./basic-paxos/definition.ts";
import { definition as lamportPaxos } from "./lamport/definition.ts";

export const registry = new ModelRegistry([basicPaxos, lamportPaxos] as const);
