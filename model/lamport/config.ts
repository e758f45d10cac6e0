// The constants of Lamport's Paxos.tla as MCPaxos.tla instantiates them: a set of acceptors,
// a set of values, ballots 0..N, and majority quorums.
import { z } from "zod";

export const LamportConfig = z.strictObject({
  /** Number of acceptors a1..aN; quorums are the majorities. */
  acceptors: z.number().int().min(1).max(5),
  /** Number of values v1..vN. */
  values: z.number().int().min(1).max(4),
  /** The highest ballot N: ballots are 0..N, as in "ballots 0..3". */
  ballots: z.number().int().min(0).max(6),
});
export type LamportConfig = z.infer<typeof LamportConfig>;

export const DEFAULT_LAMPORT_CONFIG: LamportConfig = { acceptors: 3, values: 2, ballots: 2 };

export const acceptorName = (a: number): string => `a${a + 1}`;
export const valueName = (v: number): string => `v${v + 1}`;

