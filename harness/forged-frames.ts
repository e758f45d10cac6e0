// One frame of every kind a node or a client acts on, forged by someone who holds no cluster
// key: what an attacker on the network would send (issue 16's two forged Accepts, a forged
// Prepare at the largest ballot, forged replies in other nodes' names, requests).
import type { WireBody } from "../impl/codec.ts";
import type { Message } from "../protocol/messages.ts";

const ballot = (round: number, proposer = "x1") => ({ round, proposer });
const paxos = (key: string, msg: Message): WireBody => ({ type: "paxos", key, msg });

/** [what it is, the frame]; `chosen` is a key that holds a chosen value, `fresh` one that holds none. */
export function forgedFrames(chosen: string, fresh: string): [string, WireBody][] {
  return [
    ["Prepare at the largest ballot", paxos(chosen, { type: "prepare", from: "x1", ballot: ballot(Number.MAX_SAFE_INTEGER) })],
    ["Accept on a chosen key", paxos(chosen, { type: "accept", from: "x1", ballot: ballot(99), value: "EVIL" })],
    ["Accept on a fresh key", paxos(fresh, { type: "accept", from: "x1", ballot: ballot(1), value: "EVIL" })],
    ["Promise in a2's name", paxos(chosen, { type: "promise", from: "a2", ballot: ballot(99), voted: null })],
    ["Accepted in a2's name", paxos(chosen, { type: "accepted", from: "a2", ballot: ballot(99), value: "EVIL" })],
    ["Nack in a2's name", paxos(chosen, { type: "nack", from: "a2", ballot: ballot(99), promised: ballot(1000) })],
    ["client request", { type: "request", id: 1, key: fresh, value: "EVIL", deadlineMs: 1000 }],
    ["stats request", { type: "stats", id: 1 }],
  ];
}
