// The implementation on its own timers. Lockstep drives every timeout itself, so it never sees
// whether impl/ arms its round timers, backs off after a Nack or answers its clients: a node
// that never retried would pass it. Here nobody drives the proposers. Two clients ask two
// proposers for different values at once; later in the run, at a random step each, the first
// client asks again and a third proposer's client reads. The network delivers, loses and
// duplicates at random (seeded); when nothing is in flight, or now and then while something is,
// the earliest timer a node armed fires, time jumping to it. The third client also writes, a
// few steps before or after its read, so that a write sometimes joins a read's ballot and a read
// a write's. Every run must end, within its step budget, with every writer answered with one
// value, the same for all, one that was proposed, and the read answered with that value or with
// none (it may have run before anything was chosen); then, the late frames delivered, the key
// must leave on each node no more than its value, slot and round. A run with nothing in flight
// and no timer armed is stuck for ever, and fails at once.
import type { NodeId, Value } from "../protocol/messages.ts";
import { Prng, walkSeed } from "../checker/prng.ts";
import { SimCluster } from "../harness/sim-cluster.ts";
import { VirtualClock } from "../harness/virtual-clock.ts";

export type OwnTimersOptions = {
  readonly seed: number;
  readonly runs: number;
  /** Refusals answered with Nack: the proposer backs off before it retries. */
  readonly nack: boolean;
  /** The TCP store's proposer shortcuts (impl/node.ts): a value learned from a quorum of promises, Accept to every acceptor. */
  readonly shortcuts?: boolean;
  /** Messages each run may lose. */
  readonly losses: number;
  /** Steps (a delivery, a loss, a duplicate, a timer) after which an undecided run fails. */
  readonly maxSteps: number;
  /** Each run's clock; by default a VirtualClock (a test gives one that misbehaves). */
  readonly clock?: () => VirtualClock;
};

export type OwnTimersResult = {
  readonly passed: boolean;
  readonly runs: number;
  readonly steps: number;
  /** Virtual time the slowest run took to answer every client. */
  readonly slowestMs: number;
  readonly seconds: number;
  readonly failure?: { readonly run: number; readonly reason: string };
};

const CLIENTS: readonly { readonly proposer: NodeId; readonly value: Value }[] = [
  { proposer: "p1", value: "A" },
  { proposer: "p2", value: "B" },
];
/** The first client asks again, and p3's client reads, each at a random step below this. */
const LATE_REQUESTS_WITHIN = 60;
const READER: NodeId = "p3";
/** What p3's client writes, at most this many steps before or after its read. */
const READER_WRITES: Value = "C";
const WRITE_NEAR_READ = 3;
const KEY = "k";

export async function checkOwnTimers(o: OwnTimersOptions): Promise<OwnTimersResult> {
  const started = performance.now();
  let steps = 0;
  let slowestMs = 0;
  for (let run = 0; run < o.runs; run++) {
    const r = await oneRun(walkSeed(o.seed, run), o);
    steps += r.steps;
    slowestMs = Math.max(slowestMs, r.ms);
    if (r.reason) return { passed: false, runs: run + 1, steps, slowestMs, seconds: (performance.now() - started) / 1000, failure: { run, reason: r.reason } };
  }
  return { passed: true, runs: o.runs, steps, slowestMs, seconds: (performance.now() - started) / 1000 };
}

async function oneRun(seed: number, o: OwnTimersOptions): Promise<{ steps: number; ms: number; reason?: string }> {
  const rng = new Prng(seed);
  const clock = o.clock?.() ?? new VirtualClock();
  const cluster = await SimCluster.create({ clock, nack: o.nack, shortcuts: o.shortcuts ?? false, seed, proposers: [...CLIENTS.map((c) => c.proposer), READER] });
  try {
    for (const c of CLIENTS) await cluster.propose(c.proposer, KEY, c.value);
    const again = rng.below(LATE_REQUESTS_WITHIN);
    const read = rng.below(LATE_REQUESTS_WITHIN);
    const write = Math.max(0, read + rng.below(2 * WRITE_NEAR_READ + 1) - WRITE_NEAR_READ);
    const expected = CLIENTS.length + 3;
    let losses = o.losses;
    let steps = 0;
    const last = Math.max(again, read, write);
    for (; cluster.outcomes.length < expected || steps <= last; steps++) {
      if (steps === again) await cluster.propose(CLIENTS[0]!.proposer, KEY, CLIENTS[0]!.value);
      if (steps === read) await cluster.propose(READER, KEY, null);
      if (steps === write) await cluster.propose(READER, KEY, READER_WRITES);
      if (cluster.fatal.length > 0) return { steps, ms: clock.now(), reason: stoppedNodes(cluster) };
      if (cluster.outcomes.length === expected) continue;
      if (steps === o.maxSteps) return { steps, ms: clock.now(), reason: `no answer for every client after ${o.maxSteps} steps (${clock.now()} ms of virtual time): ${answered(cluster)}` };
      const inFlight = cluster.network.inFlight.length;
      if (inFlight > 0 && (clock.pending === 0 || rng.below(20) > 0)) {
        const i = rng.below(inFlight);
        const roll = rng.below(20);
        if (roll === 0 && losses > 0) {
          losses--;
          await cluster.lose(i);
        } else if (roll === 1) await cluster.duplicate(i);
        else await cluster.deliver(i);
      } else if (clock.fireNext()) await cluster.settle();
      // Quiet, but a late request is still to come: time passes until it does.
      else if (steps < last) continue;
      else return { steps, ms: clock.now(), reason: `stuck: nothing in flight and no timer armed, ${answered(cluster)}` };
    }
    if (cluster.fatal.length > 0) return { steps, ms: clock.now(), reason: stoppedNodes(cluster) };
    const errors = cluster.outcomes.filter((x) => x.error !== undefined);
    if (errors.length > 0) return { steps, ms: clock.now(), reason: `a client got an error: ${errors.map((e) => `${e.proposer}: ${e.error}`).join("; ")}` };
    const written = new Set(cluster.outcomes.filter((x) => x.asked !== null).map((x) => x.result));
    if (written.size !== 1) return { steps, ms: clock.now(), reason: `writers got different values: ${answered(cluster)}` };
    const [value] = [...written];
    if (value !== READER_WRITES && !CLIENTS.some((c) => c.value === value)) return { steps, ms: clock.now(), reason: `the writers got ${String(value)}, which nobody proposed` };
    const readResult = cluster.outcomes.find((x) => x.asked === null)!.result;
    if (readResult !== null && readResult !== value) return { steps, ms: clock.now(), reason: `the read got ${String(readResult)}, neither the chosen ${String(value)} nor none` };
    const left = await leftBehind(cluster, clock);
    return left ? { steps, ms: clock.now(), reason: left } : { steps, ms: clock.now() };
  } finally {
    await cluster.close();
  }
}

/**
 * What the key leaves on its nodes once every client has its answer and the frames still in
 * flight arrive: only the learned value, the acceptor's slot and the durable round. A proposer
 * instance, Accepteds heard or a timer armed that outlived the answer would be held for ever, one
 * per key, by a store that serves many keys. Why not, or null.
 */
async function leftBehind(cluster: SimCluster, clock: VirtualClock): Promise<string | null> {
  await cluster.deliverAll();
  for (const id of [...cluster.proposerIds, ...cluster.acceptorIds]) {
    const node = cluster.node(id);
    const learner = node?.learners.get(KEY);
    if (node?.instances.has(KEY)) return `${id} still holds a proposer instance for the key after every client was answered`;
    if (learner && learner.learned !== null && learner.heard.length > 0) return `${id} still holds ${learner.heard.length} Accepteds heard after learning the value`;
  }
  return clock.pending > 0 ? `${clock.pending} timers still armed after every client was answered` : null;
}

/** A node that stops on its own in these runs (no disk fault is injected) stopped on a bug. */
const stoppedNodes = (cluster: SimCluster): string => `a node stopped on its own: ${cluster.fatal.map((f) => `${f.node}: ${f.error}`).join("; ")}`;

function answered(cluster: SimCluster): string {
  const got = cluster.outcomes.map((x) => `${x.proposer} (${x.asked === null ? "a read" : `wrote ${x.asked}`}) got ${x.error !== undefined ? `error ${x.error}` : String(x.result)}`);
  return got.length === 0 ? "no client answered" : got.join(", ");
}
