// docs/multi-paxos.md, generated: seed 002's Multi-Paxos as a checked model. The model and how
// it maps to the seed's phases and to FM 2016's TLA+ specification of Paxos Made Moderately
// Complex, what the bounds cover, the invariants (from invariants/log/), the figures of the
// stable-leader check, where the default bounds' states go, and the catalogue with each unsafe variant's shortest counterexample as
// steps and a sequence diagram. Pure: the checks' results come in, the text goes out, so the
// test that runs the catalogue compares it with the committed file.
import type { CheckResult } from "../../checker/result.ts";
import { definition } from "../../model/multi-paxos/definition.ts";
import { multiPaxosCatalogue, variantConfigInput } from "../../model/multi-paxos/catalogue.ts";
import { logInvariants, logLiveness, logWitnesses, readWitnesses } from "../../invariants/log/registry.ts";
import { lassoDiagram } from "./derivation-doc.ts";
import { STATE_SPACE } from "./multi-paxos-state-space.ts";

const fmt = (n: number) => n.toLocaleString("en-US");

const MODEL = [
  "## The model",
  "",
  "Nodes n1..nN are each an acceptor and a replica; the first `leaders` of them may also lead. Clients' commands c1..cK have distinct ids, so a command run twice is visible; every one is pending from the start and a leader proposes each when it chooses. The network is the set of messages ever sent, as in Paxos.tla and in FM 2016's specification: a message may be received never, once or many times, in any order, so loss, duplication and reordering need no bound. A node crashes and restarts with its acceptor (promise, votes), its replica (log, applied commands) and its latest round durable; its leader role is volatile.",
  "",
  "One action per step, each a pure function in `model/multi-paxos/steps/`:",
  "",
  "| action | step | what it does |",
  "| --- | --- | --- |",
  "| `timeout n` / `suspect n` | phase-1a.ts | start a ballot above every one started or promised; Prepare to every acceptor, for all slots at once. `timeout` when no live node leads (heartbeats stopped), `suspect` when one does (a live leader wrongly declared dead) |",
  "| `receive Prepare` | phase-1b.ts | an acceptor promises a higher ballot and reports its highest vote in every slot; it ignores a Prepare it refuses |",
  "| `adopt n` | adopt.ts | with promises from a quorum: per slot the command of the highest-ballot vote reported; every slot below the highest reported one without a vote gets a no-op; Accept for every slot held |",
  "| `propose n` | phase-2a.ts | the oldest pending request in the lowest free slot |",
  "| `receive Accept` | phase-2b.ts | an acceptor votes unless it promised higher, and answers with its promise (a vote when it is the Accept's ballot) |",
  "| `decide n slot` | decide.ts | a quorum of votes of the leader's ballot for the slot: its replica learns the command |",
  "| `heartbeat n`, `receive Heartbeat` | heartbeat.ts | a leader beats when what it would say is new to some node (with `--heartbeats-at-once`, a safety-only mode, in the step that makes it new); a node learns the decided slots, and a node leading or seeking a lower ballot steps down |",
  "| (replica) | replica.ts | applies its log in slot order, skipping no-ops and commands it already ran; answers a read when it applies the read's slot |",
  "| `read r` | read.ts | a client asks for a read (bound `reads`, 0 by default); the ghost records every command some replica applied so far, which the answer must include. Correct Multi-Paxos sends the read through the log: a leader proposes it like a command |",
  "| `confirm n r`, `receive Confirm`, `serve n r` | read.ts | only on the catalogue's other read path: a leader answers from its own replica's state, once a quorum's Confirmed replies, sent after the read was requested, report no promise above its ballot and its replica applied every slot of its log |",
  "| `crash n`, `restart n` | environment.ts | a leader's or a would-be leader's crash (another node's crash, with durable state, is a pause the network already gives) |",
  "",
  "A leader's Prepare, Accept and Confirm reach its own acceptor at once (local.ts); messages nobody can act on any more are dropped (settled.ts), so states that differ only in them are one: replies to a phase 1, a slot or a ballot their leader is done with, replies no rule reads (a refused Accept's, under the correct rules), and heartbeats every node has learned and no node can be deposed by.",
  "",
  "### Seed 002's phases",
  "",
  "- **Initialisation** (a leader elected with Paxos): `timeout`, `receive Prepare`, `adopt`.",
  "- **Operating** (requests to the leader, which orders them and replicates them): `propose`, `receive Accept`, `decide`, `heartbeat`.",
  "- **Recovering I** (a follower fails): messages to it wait or are lost; nothing else changes.",
  "- **Recovering II** (the leader fails): `crash`, then another node's `timeout` and phase 1 over every slot; the old leader, back, steps down on the new leader's heartbeat. A late heartbeat that makes a node declare a live leader dead is `suspect`.",
  "",
  "### FM 2016 (Chand, Liu, Stoller: Paxos Made Moderately Complex in TLA+)",
  "",
  "- Scouts are the `scouting` phase and `adopt`; commanders are the per-slot Accept and `decide`; `pmax` is the per-slot highest-ballot vote; `sent` is `msgs`.",
  "- Differences: leaders, acceptors and replicas share nodes; reads (PMMC has none) go through the log as commands that change nothing; a leader fills gaps with no-ops (PMMC leaves them to later proposals); replicas learn decisions from heartbeats rather than decision messages; a leader learns it was preempted from a heartbeat, not from a reply (acceptors answer a refused Accept, an answer no correct leader reads, but not a refused Prepare); a leader proposes requests itself rather than receiving them from replicas.",
  "",
  "### What the bounds cover, and what they do not",
  "",
  "Covered: every interleaving of the steps above under the bounds (nodes, leaders, slots, commands, phase 1 starts, crashes, reads), any loss, duplication and reordering. Not covered: more slots, commands, reads or ballots than the bounds; reconfiguration; leases, which need clocks (a read a leader serves from its own state is modelled with a quorum's confirmation instead, as Raft's ReadIndex does); clients retrying with a new id; restarts that lose state, except as the negative test `--acceptor-state-loss`.",
  "",
  "Reads are off by default (`--reads 0`): with them off the model explores exactly the states it did before reads existed (test/multi-paxos/model.test.ts pins the stable leader's count, `synod verify` the default bounds' graph). A read needs a slot of its own, after the command it must see, so the read entries of the catalogue run with one command and one read.",
  "",
  "The default bounds (3 nodes, 2 leaders, 2 slots, 2 commands, 2 phase 1 starts, 1 crash, no reads) are explored exhaustively by the packed encoding (model/multi-paxos/packed/; see where their states go, below): `synod verify` explores them with heartbeats at once and requires the graph pinned in model/multi-paxos/pinned-graphs.json, checks the stable-leader configuration below and the catalogue entries caught within a thousand states; `npm run test:deep` runs the whole catalogue.",
  "",
].join("\n");

const FOCUSED = [
  "Some entries need more than the base bounds give, or a larger budget:",
  "",
  "- `lowest-reported-vote` needs three leaders and three phase 1 starts. Adopting a slot's lowest-ballot vote instead of its highest is wrong only when one slot's promises report votes of two ballots, so a third ballot's phase 1 must read the votes of the first two: under the base bounds' two phase 1 starts the second leader sees votes of the first ballot alone, and the variant is correct Multi-Paxos there. Its shortest counterexample is 13 steps, found after about 630,000 states, so it runs in `npm run test:deep`, not in `synod verify`. A leader that keeps the first vote reported in a slot (promises in sender order) is the same mistake and breaks the same way (measured: 13 steps too).",
  "- The read entries turn one read on, with one command for it to miss. `stale-read` answers from the state of a leader whose ballot a higher one has already overtaken; `read-before-catching-up` confirms its ballot with a quorum but answers before its replica applied what phase 1 gave it (Raft's rule that a new leader first commits an entry of its term). `read-after-quorum-confirmation` does both checks and passes.",
  "- A safe look-alike passes as \"no violation in so many states\". Its budget must hold the states in which BFS catches its near misses, or its pass would say nothing: `read-after-quorum-confirmation` has 100,000, above the states its two near misses need (the test checks this).",
].join("\n");

type Result = CheckResult<unknown, unknown>;

function invariantsSection(): string[] {
  const out = ["## Properties", "", "Each a predicate over `LogView` (invariants/log/view.ts); a command is chosen for a slot when a quorum voted for it there in one ballot, as recorded in the ghost history of votes.", ""];
  for (const p of [...logInvariants, ...logWitnesses, ...readWitnesses, ...logLiveness]) {
    const catching = multiPaxosCatalogue.filter((v) => !v.safe && v.breaks === p.id).map((v) => `[\`${v.name}\`](#${v.name})`);
    out.push(`### ${p.title} (\`${p.id}\`, ${p.kind})`, "", `**${p.statement}**`, "", p.rationale, "", `Maintained by: ${p.maintainedBy}`, "");
    if (catching.length > 0) out.push(`Catches: ${catching.join(", ")}.`, "");
  }
  return out;
}

export function multiPaxosDoc(stable: Result, results: ReadonlyMap<string, Result>): string {
  const out = [
    "# Multi-Paxos (seed 002), checked",
    "",
    "<!-- Generated by `npm run docs` from model/multi-paxos/ and invariants/log/. Do not edit: a test fails when this file is stale. -->",
    "",
    "Seed 002 describes the system Basic Paxos is for: a replicated state machine. A leader elected with Paxos orders clients' commands in a log of slots and replicates them; when it fails, heartbeats time out and another is elected. `synod check --model multi-paxos` explores it; `--mutant NAME` runs a variant of its catalogue; `--liveness` judges its liveness property under weak fairness.",
    "",
    MODEL,
    ...invariantsSection(),
    "## One stable leader",
    "",
    `\`synod check --model multi-paxos --elections 1 --crashes 0 --liveness\`: ${fmt(stable.stats.distinctStates)} distinct states, depth ${stable.stats.depth}; no invariant broken; ${(stable.liveness ?? []).map((l) => `\`${l.id}\` ${l.verdict}`).join(", ")}. Its witnesses that need a second leader are not reached there, which is why it is not the default.`,
    "",
    STATE_SPACE,
    "",
    "## The catalogue",
    "",
    "Each variant is correct Multi-Paxos with one rule of `model/multi-paxos/rules.ts` replaced (or a fault switched on), checked under the default bounds without crashes, merged with its own configuration.",
    "",
    FOCUSED,
    "",
    "| variant | kind | configuration | caught by | shortest counterexample |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const v of multiPaxosCatalogue) {
    const r = results.get(v.name);
    const caught = r?.violation ? `\`${r.violation.property}\`` : r ? `passes (${r.verdict}${r.verdict === "incomplete" ? `, ${fmt(r.stats.distinctStates)} states` : ""})` : "not run";
    out.push(`| [\`${v.name}\`](#${v.name}) | ${v.safe ? "safe look-alike" : "unsafe"} | \`${JSON.stringify(variantConfigInput(v))}\` | ${caught} | ${r?.violation ? `${r.violation.steps.length} steps` : "-"} |`);
  }
  out.push("");
  for (const v of multiPaxosCatalogue) {
    const r = results.get(v.name);
    out.push(`### ${v.name}`, "", v.summary, "");
    if (!r?.violation) continue;
    const model = definition.create(definition.parseConfig(variantConfigInput(v)), v.name);
    out.push(`Caught by \`${r.violation.property}\` (${r.violation.kind}): ${r.violation.message}`, "");
    r.violation.steps.forEach((step, i) => out.push(`${i + 1}. ${model.describeAction(step.action as never)}`));
    const nodes = model.initialStates()[0]!.nodes.map((n) => n.id);
    out.push("", lassoDiagram(model, r.violation as never, nodes), "");
  }
  return out.join("\n");
}
