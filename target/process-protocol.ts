// The process protocol (docs/targets.md): a target in any language, checked over JSON lines on
// its stdin and stdout, as Maelstrom drives its nodes. Synod writes one request per line, each
// with an `id`; the target answers each with one line carrying the same `id`. The requests are
// the calls of the in-process interface (target.ts); since Synod cannot call a function of the
// process to learn what a message means, every message the target sends carries its `meaning`.
// Every reply is parsed here, so a malformed one fails the run with the line and the field.
import { z } from "zod";
import { NodeId } from "../protocol/messages.ts";
import { AcceptorState, Capabilities, Learned, Meaning } from "./vocabulary.ts";

export const PROTOCOL_VERSION = 1;

/** What Synod writes. `msg` in a deliver is the target's own message, as it sent it. */
export type Request =
  | { id: number; op: "hello"; version: number }
  | { id: number; op: "create"; roles: { acceptors: readonly string[]; proposers: readonly string[]; learners: readonly string[]; inputs: Readonly<Record<string, string>>; seed: number } }
  | { id: number; op: "propose"; proposer: string; value: string }
  | { id: number; op: "timeout"; proposer: string }
  | { id: number; op: "deliver"; envelope: { from: string; to: string; msg: unknown } }
  | { id: number; op: "crash"; node: string }
  | { id: number; op: "restart"; node: string }
  | { id: number; op: "state" }
  | { id: number; op: "close" };

/** A request before Synod numbers it. */
export type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

const Id = z.number().int().min(1);

/** The answer to hello: who the target is and what it does. */
export const HelloReply = z.strictObject({
  id: Id,
  name: z.string().min(1).max(100),
  capabilities: Capabilities,
  /** It answers `state` requests with its acceptors' promise and vote. */
  whiteBox: z.boolean().default(false),
});

/** A message sent, with what it means. */
export const SentLine = z.strictObject({ from: NodeId, to: NodeId, msg: z.unknown(), meaning: Meaning });

/** The answer to create, propose, timeout, deliver, crash, restart and close. */
export const EffectsReply = z.strictObject({ id: Id, sent: z.array(SentLine).default([]), learned: z.array(Learned).default([]) });

/** Every acceptor's promise and vote, in one answer (one round trip per step, not one per acceptor). */
export const StateReply = z.strictObject({ id: Id, acceptors: z.record(NodeId, AcceptorState) });

/** Any request may be refused: the run fails with the target's reason. */
export const ErrorReply = z.strictObject({ id: Id, error: z.string() });

/** Just enough of a line to find which request it answers. */
export const AnyReply = z.looseObject({ id: Id });
