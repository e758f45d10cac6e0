// What a target's messages mean to Synod. A target keeps its own message shapes on the wire;
// for each one it tells Synod which step of Paxos it is, in Synod's words, and Synod judges the
// run on those meanings alone. Parsed with zod at the boundary, so an adapter's mistake is
// reported with the field it got wrong, never taken as a protocol step.
import { z } from "zod";
import { NodeId, Value } from "../protocol/messages.ts";
import { AnyBallot } from "../protocol/ballot-shapes.ts";

/** A vote as a target reports it: the ballot (any accepted shape) and the value. */
export const MeantVote = z.strictObject({ ballot: AnyBallot, value: Value });

/**
 * A Promise's report of the sender's vote: the vote, null for "no vote yet", or "not-reported"
 * for an implementation whose Promise carries no vote at all (then nothing is judged on it).
 */
export const ReportedVote = z.union([MeantVote, z.null(), z.literal("not-reported")]);

export const Meaning = z.discriminatedUnion("type", [
  /** Phase 1a. */
  z.strictObject({ type: z.literal("prepare"), ballot: AnyBallot }),
  /** Phase 1b: the sender promised `ballot` and reported `vote`. */
  z.strictObject({ type: z.literal("promise"), ballot: AnyBallot, vote: ReportedVote }),
  /** Phase 2a: the sender proposes `value` in `ballot`. */
  z.strictObject({ type: z.literal("accept"), ballot: AnyBallot, value: Value }),
  /** Phase 2b: the sender voted for `value` in `ballot`. */
  z.strictObject({ type: z.literal("accepted"), ballot: AnyBallot, value: Value }),
  /** A refusal of `ballot`; `promised` when the target says what it promised instead. */
  z.strictObject({ type: z.literal("nack"), ballot: AnyBallot, promised: AnyBallot.optional() }),
  /** Anything else the target sends (heartbeats, client replies): delivered, never judged. */
  z.strictObject({ type: z.literal("other"), label: z.string().max(200).optional() }),
]);
export type Meaning = z.output<typeof Meaning>;
export type MeaningInput = z.input<typeof Meaning>;

/** What a target declares it does: Synod generates only the behaviours it declares, and says which in every report. */
export const Capabilities = z
  .strictObject({
    /** It answers a refused Prepare or Accept with a Nack. Reported; a Nack is judged by meaning either way. */
    nacks: z.boolean().default(false),
    /** Where a proposer sends Accept: to the acceptors that promised, to all acceptors, or to any it picks. */
    acceptRouting: z.enum(["promisers", "all", "any"]).default("promisers"),
    /** Who learns: the proposers, or learners of their own (Synod then gives it learner ids). */
    learners: z.enum(["proposers", "separate"]).default("proposers"),
    /**
     * Whether an acceptor keeps its promise and vote across a crash. Synod restarts only durable
     * acceptors: an amnesic one that came back would break Paxos by design, not by a bug.
     */
    acceptors: z.enum(["durable", "amnesic"]).default("durable"),
    /** The shape of its ballots: owned by one proposer each, or bare numbers any proposer may pick. */
    ballots: z.enum(["owned", "shared"]).default("owned"),
    /**
     * "model": it takes the Basic Paxos model's steps, message for message, up to a renaming of
     * ballots; every step is then also compared with the model's (lockstep). "own" (the default):
     * it is judged only by the invariants and by trace validation, which allow any safe difference.
     */
    behaviour: z.enum(["own", "model"]).default("own"),
  })
  .superRefine((c, ctx) => {
    if (c.behaviour !== "model") return;
    if (c.learners !== "proposers") ctx.addIssue({ code: "custom", path: ["behaviour"], message: "the model's proposers are its learners: a target with learners of its own cannot declare the model's behaviour" });
    if (c.acceptRouting === "any") ctx.addIssue({ code: "custom", path: ["behaviour"], message: "the model sends Accept to the promisers or to every acceptor: a target with accept routing 'any' cannot declare the model's behaviour" });
  });
export type Capabilities = z.output<typeof Capabilities>;
export type CapabilitiesInput = z.input<typeof Capabilities>;

/** The nodes and inputs Synod gives a target when it creates a cluster. */
export type Roles = {
  readonly acceptors: readonly NodeId[];
  readonly proposers: readonly NodeId[];
  /** Empty unless the target declares separate learners. */
  readonly learners: readonly NodeId[];
  /** The value each proposer's client asks it to propose. */
  readonly inputs: Readonly<Record<NodeId, Value>>;
  /** For the target's own randomness: the same seed must give the same run. */
  readonly seed: number;
};

/** The acceptor state a white-box target exposes, in its ballot shapes. */
export const AcceptorState = z.strictObject({ promised: AnyBallot.nullable(), accepted: MeantVote.nullable() });
export type AcceptorState = z.output<typeof AcceptorState>;

/** What one call of a target did: the messages it sent, and what it learned. */
export const Learned = z.strictObject({ node: NodeId, value: Value });
export type Learned = z.output<typeof Learned>;
