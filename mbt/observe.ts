// What lockstep compares after every step: the observable state of the model and of the
// implementation, projected onto one shape. Per acceptor its promise, vote and up/down; per
// proposer up/down and the value it has learned now (volatile on both sides); the messages in
// flight as a SET of distinct messages (the model's network is a set, and so is the target run's
// that lockstep drives the implementation through).
import type { PaxosState } from "../model/basic-paxos/state.ts";
import type { Message } from "../protocol/messages.ts";
import type { TargetRun } from "../target/run.ts";
import { formatBallot } from "../protocol/ballot.ts";
import { keyInFlight, messageKey } from "../model/basic-paxos/keys.ts";
import { describeMessage } from "../model/basic-paxos/describe.ts";
import type { AcceptorView } from "../invariants/view.ts";
import type { BallotRenaming } from "../protocol/ballot-renaming.ts";

export type Observation = {
  readonly acceptors: readonly { readonly id: string; readonly promise: string; readonly vote: string; readonly up: boolean }[];
  readonly proposers: readonly { readonly id: string; readonly up: boolean; readonly learned: string | null }[];
  /** Distinct messages in flight, by model/keys.ts inFlightKey, with their one-line rendering. */
  readonly inFlight: ReadonlyMap<string, string>;
};

/** One observable on which model and implementation disagree, rendered for a person. */
export type Difference = { readonly observable: string; readonly model: string; readonly impl: string };

function acceptorRow(a: Pick<AcceptorView, "id" | "promised" | "accepted" | "up">) {
  return { id: a.id, promise: formatBallot(a.promised), vote: a.accepted ? `${a.accepted.value} in ${formatBallot(a.accepted.ballot)}` : "none", up: a.up };
}

// A message stays in flight for many steps, the same object on either side (the model's network
// shares its messages between states; a renaming that changes nothing hands back the message
// itself), so its key and rendering are worked out once. Local to lockstep: the checker's
// renamed states make new messages all the time, where this would cost more than it saves.
const rendered = new WeakMap<Message, { readonly key: string; readonly text: string }>();

function messages(entries: Iterable<{ readonly to: string; readonly msg: Message }>): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries) {
    let r = rendered.get(e.msg);
    if (!r) rendered.set(e.msg, (r = { key: messageKey(e.msg), text: `${describeMessage(e.msg)} ${e.msg.from}` }));
    out.set(keyInFlight(r.key, e.to), `${r.text}->${e.to}`);
  }
  return out;
}

/** The model's observables, its ballots named as the implementation names them (ballot-renaming.ts). */
export function observeModel(s: PaxosState, names: BallotRenaming): Observation {
  return {
    acceptors: s.acceptors.map((a) => acceptorRow({ ...a, promised: names.ballot(a.promised), accepted: names.vote(a.accepted) })),
    proposers: s.proposers.map((p) => ({ id: p.id, up: p.up, learned: p.learned })),
    inFlight: messages(s.network.map((e) => ({ to: e.to, msg: names.message(e.msg) }))),
  };
}

/** The implementation's observables, as its target run saw them; `learnedNow` per proposer since it last started. */
export function observeImpl(run: TargetRun<Message>, learnedNow: ReadonlyMap<string, string>): Observation {
  return {
    acceptors: run.view.acceptors.map((a) => acceptorRow(a)),
    proposers: run.roles.proposers.map((id) => ({ id, up: run.isUp(id), learned: learnedNow.get(id) ?? null })),
    inFlight: messages(run.inFlight),
  };
}

const updown = (up: boolean) => (up ? "up" : "down");

export function compareObservations(model: Observation, impl: Observation): Difference[] {
  const out: Difference[] = [];
  model.acceptors.forEach((m, i) => {
    const x = impl.acceptors[i]!;
    if (m.up !== x.up) out.push({ observable: `${m.id} up/down`, model: updown(m.up), impl: updown(x.up) });
    if (m.promise !== x.promise) out.push({ observable: `${m.id} promise`, model: m.promise, impl: x.promise });
    if (m.vote !== x.vote) out.push({ observable: `${m.id} vote`, model: m.vote, impl: x.vote });
  });
  model.proposers.forEach((m, i) => {
    const x = impl.proposers[i]!;
    if (m.up !== x.up) out.push({ observable: `${m.id} up/down`, model: updown(m.up), impl: updown(x.up) });
    if (m.learned !== x.learned) out.push({ observable: `${m.id} learned`, model: m.learned ?? "nothing", impl: x.learned ?? "nothing" });
  });
  for (const [k, line] of model.inFlight) if (!impl.inFlight.has(k)) out.push({ observable: `in flight: ${line}`, model: "in flight", impl: "not in flight" });
  for (const [k, line] of impl.inFlight) if (!model.inFlight.has(k)) out.push({ observable: `in flight: ${line}`, model: "not in flight", impl: "in flight" });
  return out;
}
