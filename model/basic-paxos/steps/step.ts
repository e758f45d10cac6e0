// What a protocol step of the model is, in each encoding. The object step is a pure function
// of the object state: it returns the state after it (the network not yet touched), the
// messages it sends, and the branch it took. The packed step (step-context.ts) writes the
// successor into words and emits the branch's index. Each file of this folder holds one step
// in both encodings, under the sentence of Paxos Made Simple it implements.
import type { Branch } from "../../../checker/model.ts";
import type { Message, NodeId } from "../../../protocol/messages.ts";
import type { Rules } from "../../../protocol/rules.ts";
import type { ModelConfig } from "../config.ts";

/** What the model runs under: its bounds and faults, and the rules (correct or a variant's). */
export type Semantics = { readonly config: ModelConfig; readonly rules: Rules };

export type Outbox = readonly { readonly to: NodeId; readonly msg: Message }[];

/** A role's handler: its new state and what it sends. */
export type Step<S> = { readonly state: S; readonly send: Outbox };

/** A step that says which of its branches ran (an id of its file's `branches`). */
export type BranchStep<S, B extends string> = Step<S> & { readonly branch: B };

/** The ids of a list of branches. */
export type IdOf<L extends readonly Branch[]> = L[number]["id"];

export const NO_MESSAGES: Outbox = [];
