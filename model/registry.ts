// Every model Synod checks, by name: adding a protocol is a folder with a definition.ts and one
// line here (docs/architecture.md).
import { ModelRegistry } from "../checker/registry.ts";
import { definition as basicPaxos } from "./basic-paxos/definition.ts";
import { definition as lamportPaxos } from "./lamport/definition.ts";
import { definition as derivationLock } from "./derivation/lock/definition.ts";
import { definition as derivationEpochs } from "./derivation/epochs/definition.ts";
import { definition as derivationMajority } from "./derivation/majority/definition.ts";
import { definition as multiPaxos } from "./multi-paxos/definition.ts";

export const registry = new ModelRegistry([basicPaxos, lamportPaxos, derivationLock, derivationEpochs, derivationMajority, multiPaxos] as const);
