// npm run bench:compare -- REF [--rounds N] [--script bench/checker.bench.ts]
// The checker's bench on this tree and on commit REF, side by side in one run: the two are run
// in turn, N rounds each (alternating which goes first, so that a drift in the machine's load
// falls on both), and each row shows the best states/s of each side and their ratio. Rows are
// matched by their model, engine, workers and symmetry columns.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";

const args = process.argv.slice(2);
const ref = args.find((a) => !a.startsWith("--"));
const rounds = Number(args[args.indexOf("--rounds") + 1] ?? 2) || 2;
const script = args.includes("--script") ? args[args.indexOf("--script") + 1]! : "bench/checker.bench.ts";
if (!ref) {
  console.error("usage: npm run bench:compare -- REF [--rounds N] [--script FILE]");
  process.exit(2);
}

type Rows = Map<string, number>;

/** Reads the bench's table: the key columns and the states/s column, by header name. */
function parseTable(out: string): Rows {
  const lines = out.split("\n");
  const head = lines.findIndex((l) => l.startsWith("model ") && l.includes("states/s"));
  if (head < 0) throw new Error(`no table in the bench's output:\n${out}`);
  const cols = lines[head]!.split(/\s{2,}/);
  const at = (name: string) => cols.indexOf(name);
  const rows: Rows = new Map();
  for (const line of lines.slice(head + 2)) {
    if (line.trim() === "") break;
    const cells = line.split(/\s{2,}/);
    const key = ["model", "engine", "workers", "symmetry"].map((c) => cells[at(c)]).join(" | ");
    rows.set(key, Number(cells[at("states/s")]!.replace(/,/g, "")));
  }
  return rows;
}

function runBench(dir: string): Rows {
  const r = spawnSync("npx", ["tsx", script], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`bench in ${dir} failed (exit ${r.status}):\n${r.stderr}`);
  return parseTable(r.stdout);
}

const here = resolve(".");
const there = mkdtempSync(join(tmpdir(), "synod-bench-"));
execFileSync("git", ["worktree", "add", "--detach", there, ref], { stdio: "ignore" });
try {
  if (!existsSync(join(there, "node_modules"))) symlinkSync(join(here, "node_modules"), join(there, "node_modules"));
  const best = { base: new Map<string, number>(), head: new Map<string, number>() };
  const keep = (into: Map<string, number>, rows: Rows) => rows.forEach((v, k) => into.set(k, Math.max(into.get(k) ?? 0, v)));
  console.log(`synod bench:compare: ${script}, ${ref} against this tree, ${rounds} rounds each; load average before ${loadavg()[0]!.toFixed(2)}`);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (["base", "head"] as const) : (["head", "base"] as const);
    for (const side of order) {
      keep(best[side], runBench(side === "base" ? there : here));
      console.log(`  round ${round + 1}: ${side} done (load ${loadavg()[0]!.toFixed(2)})`);
    }
  }
  const keys = [...new Set([...best.base.keys(), ...best.head.keys()])];
  const width = Math.max(...keys.map((k) => k.length));
  console.log(`\n${"row".padEnd(width)}  ${"base states/s".padStart(14)}  ${"head states/s".padStart(14)}  ratio`);
  let worst = Infinity;
  for (const k of keys) {
    const b = best.base.get(k);
    const h = best.head.get(k);
    const ratio = b && h ? h / b : undefined;
    if (ratio !== undefined) worst = Math.min(worst, ratio);
    const fmt = (n: number | undefined) => (n === undefined ? "-" : Math.round(n).toLocaleString("en-US")).padStart(14);
    console.log(`${k.padEnd(width)}  ${fmt(b)}  ${fmt(h)}  ${ratio === undefined ? "only one side" : ratio.toFixed(3)}`);
  }
  console.log(`\nworst ratio (head over base): ${worst.toFixed(3)}; load average after ${loadavg()[0]!.toFixed(2)}`);
} finally {
  execFileSync("git", ["worktree", "remove", "--force", there], { stdio: "ignore" });
  rmSync(there, { recursive: true, force: true });
}
