// synod: one binary, one subcommand per file under cli/commands/.
// Commands load lazily so `synod check` never pays for the TCP stack, and the reverse.
import { workersAsked } from "./workers.ts";

export type Command = {
  readonly summary: string;
  run(argv: readonly string[]): Promise<number>;
};

const commands: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  check: { summary: "explore the model exhaustively and check every invariant", load: () => import("./commands/check.ts") },
  merge: { summary: "merge the JSON reports of a run's shards into one verdict", load: () => import("./commands/merge.ts") },
  replay: { summary: "re-run a saved trace on the model (and the implementation)", load: () => import("./commands/replay.ts") },
  diagram: { summary: "draw a saved trace as a Mermaid sequence diagram", load: () => import("./commands/diagram.ts") },
  simulate: { summary: "seeded random walks for configurations too large to exhaust", load: () => import("./commands/simulate.ts") },
  serve: { summary: "run one node of the register store", load: () => import("./commands/serve.ts") },
  propose: { summary: "propose a value for a key to a cluster", load: () => import("./commands/propose.ts") },
  get: { summary: "read the chosen value of a key from a cluster", load: () => import("./commands/get.ts") },
  cluster: { summary: "start a local cluster on 127.0.0.1 to try it out", load: () => import("./commands/cluster.ts") },
  "new-cluster": { summary: "write a cluster file: a new cluster id and key for the given members", load: () => import("./commands/new-cluster.ts") },
  stats: { summary: "print each node's counters, keys and memory", load: () => import("./commands/stats.ts") },
  torture: { summary: "run real nodes under a nemesis and check the clients' history for linearizability", load: () => import("./commands/torture.ts") },
  "validate-trace": { summary: "check that a cluster's protocol event logs are a behaviour of the model", load: () => import("./commands/validate-trace.ts") },
  conformance: { summary: "replay every model path up to a depth on the implementation; transition coverage", load: () => import("./commands/conformance.ts") },
  mbt: { summary: "model-based tests: the implementation in lockstep with the model", load: () => import("./commands/mbt.ts") },
  verify: { summary: "the CI job: the model checked, then the implementation judged by the model", load: () => import("./commands/verify.ts") },
  target: { summary: "write an adapter skeleton and a test to check your own Paxos", load: () => import("./commands/target.ts") },
  review: { summary: "compare what synod verify says on two revisions: regressions first", load: () => import("./commands/review.ts") },
};

function usage(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(16)}${c.summary}`);
  return ["usage: synod <command> [options]", "", "commands:", ...rows, "", "`synod <command> --help` documents each command's flags."].join("\n");
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = commands[name];
  if (!entry) {
    console.error(`synod: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  // A check on worker threads starts them before it loads: they load their own modules (half
  // a second or so) while this thread loads the command's.
  const workers = name === "check" ? workersAsked(rest) : 1;
  if (workers > 1) void import("../checker/hosts.ts").then((hosts) => hosts.prestartWorkers(workers));
  let mod: { command: Command };
  try {
    mod = await entry.load();
  } catch (err) {
    console.error(`synod: command '${name}' is not available in this build: ${(err as Error).message}`);
    return 2;
  }
  return mod.command.run(rest);
}

// Run when executed directly (tsx cli/main.ts ...), not when imported by bin/synod.js or tests.
if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
