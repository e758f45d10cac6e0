// impl/ as a target (target/target.ts): Synod's own register store checked through the same
// interface as anyone else's, one key, on the deterministic SimCluster. Each call runs one node
// until the cluster is quiet and hands back what it put on the in-memory network, which Synod
// then holds; a delivery puts the message back on that network and delivers it. Its messages
// are Synod's vocabulary already, so their meaning is a renaming of fields.
import type { Message, NodeId } from "../protocol/messages.ts";
import type { Effects, Target, TargetCluster } from "../target/target.ts";
import type { MeaningInput, Roles } from "../target/vocabulary.ts";
import { SimCluster } from "./sim-cluster.ts";
import { variantNames, variants, type VariantName } from "./impl-variants.ts";

export type ImplTargetOptions = {
  readonly variant?: VariantName;
  /** Refusals answered with Nack. */
  readonly nack?: boolean;
  /** The proposer as the TCP store runs it: phase 2a to every acceptor (impl/core/proposer.ts Shortcuts). */
  readonly shortcuts?: boolean;
  /** Where the acceptors keep their promise and vote: memory, or files under a directory. */
  readonly storage?: "memory" | { readonly dir: string };
};

const KEY = "k";

export function implTarget(o: ImplTargetOptions = {}): Target<Message> {
  return {
    name: `impl${o.variant && o.variant !== "correct" ? `:${o.variant}` : ""}${o.shortcuts ? "+shortcuts" : ""}`,
    capabilities: {
      nacks: o.nack ?? false,
      acceptRouting: o.shortcuts || variants[o.variant ?? "correct"].rules?.acceptToPromisers === false ? "all" : "promisers",
      learners: "proposers",
      acceptors: "durable",
      ballots: "owned",
      // The model's steps, but for what it does on a Nack (its next ballot goes above the promise
      // the Nack names, where the model's ignores it) and for the shortcuts, both safe by design.
      behaviour: o.shortcuts || o.nack ? "own" : "model",
    },
    create: (roles) => ImplCluster.create(roles, o),
    meaning: meaningOf,
  };
}

export function meaningOf(m: Message): MeaningInput {
  switch (m.type) {
    case "promise":
      return { type: "promise", ballot: m.ballot, vote: m.voted };
    case "nack":
      return { type: "nack", ballot: m.ballot, promised: m.promised };
    case "prepare":
      return { type: "prepare", ballot: m.ballot };
    default:
      return { type: m.type, ballot: m.ballot, value: m.value };
  }
}

export class ImplCluster implements TargetCluster<Message> {
  private constructor(private readonly c: SimCluster) {}

  /** The simulated cluster behind the interface, for a report that shows the proposers' internals; never for judging. */
  get sim(): SimCluster {
    return this.c;
  }

  static async create(roles: Roles, o: ImplTargetOptions): Promise<ImplCluster> {
    const c = await SimCluster.create({ acceptors: roles.acceptors, proposers: roles.proposers, nack: o.nack ?? false, shortcuts: o.shortcuts ?? false, storage: o.storage ?? "memory", ...(o.variant ? { variant: o.variant } : {}) });
    return new ImplCluster(c);
  }

  async propose(p: NodeId, value: string) {
    return this.around(p, () => this.c.propose(p, KEY, value));
  }

  async timeout(p: NodeId) {
    // A proposer with no instance (restarted, or done) starts none on a timer: its client's request does.
    return this.around(p, () => this.c.timeout(p, KEY));
  }

  async deliver(e: { from: NodeId; to: NodeId; msg: Message }) {
    return this.around(e.to, async () => {
      this.c.network.inFlight.push({ id: 0, from: e.from, to: e.to, frame: { type: "paxos", key: KEY, msg: e.msg } });
      await this.c.deliver(this.c.network.inFlight.length - 1);
    });
  }

  async crash(n: NodeId) {
    await this.c.crash(n);
    this.c.network.inFlight.length = 0;
  }

  async restart(n: NodeId) {
    return this.around(n, () => this.c.restart(n));
  }

  acceptorState(a: NodeId) {
    const s = this.c.slot(a, KEY);
    return { promised: s.promised, accepted: s.accepted };
  }

  close() {
    return this.c.close();
  }

  /** Runs `f` on `node` and takes what it sent off the network, with what it learned. */
  private async around(node: NodeId, f: () => Promise<unknown>): Promise<Effects<Message>> {
    const learner = () => (this.c.isUp(node) ? (this.c.node(node)?.learners.get(KEY)?.learned ?? null) : null);
    const before = learner();
    await f();
    const sent = this.c.network.inFlight.splice(0).map((e) => ({ from: e.from, to: e.to, msg: e.frame.msg }));
    const after = learner();
    return { sent, learned: after !== null && after !== before ? [{ node, value: after }] : [] };
  }
}

/**
 * For `--target harness/impl-target.ts --target-args variant=NAME,nack=true,shortcuts=true`: the
 * module form every target has, so impl/ is loaded by the CLI as any other target is.
 */
export default function target(args: Readonly<Record<string, string>> = {}): Target<Message> {
  const flag = (k: string) => args[k] === "true";
  if (args.variant !== undefined && !(variantNames as readonly string[]).includes(args.variant)) throw new Error(`variant: '${args.variant}' is no variant of impl/ (${variantNames.join(", ")})`);
  return implTarget({ ...(args.variant ? { variant: args.variant as VariantName } : {}), nack: flag("nack"), shortcuts: flag("shortcuts") });
}
