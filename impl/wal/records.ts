// The records of the write-ahead log, checked with zod when they are read back: a record that
// passes its checksum but not this schema was written by something else, and is corruption.
import { z } from "zod";
import { Ballot, Value } from "../../protocol/messages.ts";
import { Key } from "../codec.ts";

export const WalRecordSchema = z.discriminatedUnion("t", [
  z.strictObject({ t: z.literal("promise"), key: Key, ballot: Ballot }),
  z.strictObject({ t: z.literal("vote"), key: Key, ballot: Ballot, value: Value }),
  z.strictObject({ t: z.literal("round"), key: Key, round: z.number().int().min(0) }),
]);
