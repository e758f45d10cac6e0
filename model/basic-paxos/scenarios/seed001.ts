// Seed 001's two worked runs of the "three generals" story: three generals (acceptors a1..a3)
// approve attack times; two advisors (proposers p1, p2) propose time A and time B.
import type { Scenario } from "./script.ts";

const ask = (from: string) => ["a1", "a2", "a3"].map((to) => ({ do: "deliver" as const, type: "prepare" as const, from, to }));

/** Advisor 1 gets time A chosen; advisor 2 then prepares a higher ballot, hears of A and adopts it. */
export const oneAfterTheOther: Scenario = {
  name: "seed001-one-after-the-other",
  title: "Two advisors propose one after the other",
  config: { nacks: true, losses: 0, retries: 0 },
  steps: [
    { do: "propose", proposer: "p1", note: "advisor 1 sends (ballot 1) to the three generals" },
    ...ask("p1"),
    { do: "deliver", type: "promise", from: "a1", to: "p1" },
    { do: "deliver", type: "promise", from: "a2", to: "p1", note: "two promises: a quorum; advisor 1 sends (ballot 1, time A)" },
    { do: "deliver", type: "accept", from: "p1", to: "a1" },
    { do: "deliver", type: "accept", from: "p1", to: "a2" },
    { do: "deliver", type: "accepted", from: "a1", to: "p1" },
    { do: "deliver", type: "accepted", from: "a2", to: "p1", note: "advisor 1 knows time A is accepted by a majority" },
    { do: "propose", proposer: "p2", note: "advisor 2 sends (ballot 2) to the three generals" },
    ...ask("p2"),
    { do: "deliver", type: "promise", from: "a1", to: "p2" },
    { do: "deliver", type: "promise", from: "a2", to: "p2", note: "the replies carry (ballot 1, time A): advisor 2 adopts A" },
  ],
};

/** Interleaved proposals with captured messengers: advisor 2's time B is chosen; advisor 1 retries and adopts B. */
export const interleaved: Scenario = {
  name: "seed001-interleaved",
  title: "Two advisors propose at once, messengers are captured",
  config: { nacks: true, duplication: false, losses: 3, retries: 1 },
  steps: [
    { do: "propose", proposer: "p1", note: "advisor 1 sends (ballot 1)" },
    { do: "deliver", type: "prepare", from: "p1", to: "a1" },
    { do: "deliver", type: "prepare", from: "p1", to: "a2" },
    { do: "lose", type: "prepare", from: "p1", to: "a3", note: "the messenger to general 3 is captured" },
    { do: "propose", proposer: "p2", note: "advisor 2 sends (ballot 2)" },
    { do: "deliver", type: "prepare", from: "p2", to: "a2" },
    { do: "deliver", type: "prepare", from: "p2", to: "a3" },
    { do: "lose", type: "prepare", from: "p2", to: "a1", note: "the messenger to general 1 is captured" },
    { do: "deliver", type: "promise", from: "a1", to: "p1" },
    { do: "deliver", type: "promise", from: "a2", to: "p1", note: "advisor 1 has a quorum and sends (ballot 1, time A) to a1 and a2" },
    { do: "deliver", type: "accept", from: "p1", to: "a1", note: "general 1 accepts (ballot 1, time A)" },
    { do: "deliver", type: "accept", from: "p1", to: "a2", note: "general 2 has promised ballot 2: (Rejected, ballot 2)" },
    { do: "deliver", type: "promise", from: "a2", to: "p2" },
    { do: "deliver", type: "promise", from: "a3", to: "p2", note: "advisor 2 has a quorum and sends (ballot 2, time B)" },
    { do: "deliver", type: "accept", from: "p2", to: "a2" },
    { do: "deliver", type: "accept", from: "p2", to: "a3" },
    { do: "deliver", type: "accepted", from: "a2", to: "p2" },
    { do: "deliver", type: "accepted", from: "a3", to: "p2", note: "advisor 2 knows time B is accepted by a majority" },
    { do: "deliver", type: "accepted", from: "a1", to: "p1" },
    { do: "deliver", type: "nack", from: "a2", to: "p1", note: "advisor 1 has one Accepted and one rejection" },
    { do: "timeout", proposer: "p1", note: "advisor 1 retries with a higher ballot (the seed's ballot 3)" },
    { do: "deliver", type: "prepare", from: "p1", to: "a1" },
    { do: "deliver", type: "prepare", from: "p1", to: "a2" },
    { do: "lose", type: "prepare", from: "p1", to: "a3", note: "the messenger to general 3 is captured" },
    { do: "deliver", type: "promise", from: "a1", to: "p1", note: "general 1 reports (ballot 1, time A)" },
    { do: "deliver", type: "promise", from: "a2", to: "p1", note: "general 2 reports (ballot 2, time B): the higher one wins" },
    { do: "deliver", type: "accept", from: "p1", to: "a1" },
    { do: "deliver", type: "accept", from: "p1", to: "a2" },
    { do: "deliver", type: "accepted", from: "a1", to: "p1" },
    { do: "deliver", type: "accepted", from: "a2", to: "p1", note: "advisor 1 knows time B is accepted by a majority" },
  ],
};

export const seed001Scenarios = [oneAfterTheOther, interleaved] as const;
