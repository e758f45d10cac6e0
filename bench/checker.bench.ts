// npm run bench: the exploration engine's figures. For Lamport's Paxos.tla at ballots 0..3
// (TLC: 8,220,065 distinct states, depth 33, 391 s with 2 workers) and for the Basic Paxos
// model where it is available: distinct states, depth, seconds, states/s and bytes per state,
// with 1 and 2 workers, with and without symmetry, with states or only their fingerprints kept;
// then the ratios of rows measured in this same run (2 workers over 1, fingerprints over states).
// The load average is printed with the table because the machine's 2 cores may be shared. Basic Paxos rows stop after
// SYNOD_BENCH_PAXOS_SECONDS (default 30) and then say "incomplete" with what they covered.
import { loadavg } from "node:os";
import { check } from "../checker/check.ts";
import type { CheckOptions, ExploreResult } from "../checker/result.ts";
import { definition as lamport } from "../model/lamport/definition.ts";
import { definition as basicPaxos } from "../model/basic-paxos/definition.ts";
import { PAXOS_BENCH_CONFIGS } from "./paxos-models.ts";

const TLC_SECONDS = 391;
const TLC_STATES = 8_220_065;
const TLC_DEPTH = 33;
const BAR_SECONDS = 39;

type Row = { model: string; engine: string; workers: number; symmetry: boolean; result: ExploreResult<unknown, unknown> };

/** The engine column: the representation, and whether the visited set kept only fingerprints. */
const engineName = (engine: "packed" | "object", fingerprint: boolean) => (fingerprint ? `${engine}-fp` : engine);

async function lamportRows(ballots: number): Promise<Row[]> {
  const config = lamport.parseConfig({ acceptors: 3, values: 2, ballots });
  const rows: Row[] = [];
  for (const symmetry of [false, true]) {
    for (const workers of [1, 2]) {
      rows.push({ model: `paxos.tla 0..${ballots}`, engine: "packed", workers, symmetry, result: await check({ definition: lamport, config }, { symmetry, workers }) });
    }
  }
  rows.push({ model: `paxos.tla 0..${ballots}`, engine: engineName("packed", true), workers: 1, symmetry: false, result: await check({ definition: lamport, config }, { fingerprint: true }) });
  return rows;
}

/** Seconds each Basic Paxos row may take; a row that needs more says "incomplete". */
const PAXOS_ROW_SECONDS = Number(process.env.SYNOD_BENCH_PAXOS_SECONDS ?? 30);

/** One Basic Paxos configuration on both engines: packed with one worker, objects with 1 and 2, with and without symmetry. */
async function paxosRows(name: string, input: object): Promise<Row[]> {
  const config = basicPaxos.parseConfig(input);
  const rows: Row[] = [];
  const run = async (engine: "packed" | "object", workers: number, symmetry: boolean, fingerprint = false) => {
    const options: CheckOptions = { engine, workers, symmetry, maxSeconds: PAXOS_ROW_SECONDS, ...(fingerprint ? { fingerprint } : {}) };
    rows.push({ model: name, engine: engineName(engine, fingerprint), workers, symmetry, result: await check({ definition: basicPaxos, config }, options) });
  };
  for (const symmetry of [false, true]) await run("packed", 1, symmetry);
  // The rows of the issue's bars: two workers, and fingerprints, against the same row on one worker with states.
  await run("packed", 2, true);
  await run("packed", 1, true, true);
  for (const symmetry of [false, true]) for (const workers of [1, 2]) await run("object", workers, symmetry);
  return rows;
}

/**
 * Ratios of rows of this run: 2 workers over 1 (states/s), and fingerprints over states
 * (states/s and bytes/state), for every row that has its counterpart.
 */
function sameRunRatios(rows: Row[]): string[] {
  const label = (r: Row) => `${r.model}${r.symmetry ? " (symmetry)" : ""}`;
  const twin = (r: Row, engine: string, workers: number) => rows.find((o) => o.model === r.model && o.symmetry === r.symmetry && o.engine === engine && o.workers === workers);
  const rate = (r: Row) => r.result.stats.statesPerSecond;
  const perState = (r: Row) => r.result.stats.bytesPerState;
  const lines: string[] = [];
  for (const r of rows.filter((x) => x.workers === 2 && !x.engine.endsWith("-fp"))) {
    const one = twin(r, r.engine, 1);
    if (one) lines.push(`${label(r)}, ${r.engine}: 2 workers over 1: ${(rate(r) / rate(one)).toFixed(2)}x states/s (${fmt(rate(one))} -> ${fmt(rate(r))})`);
  }
  for (const r of rows.filter((x) => x.engine.endsWith("-fp"))) {
    const full = twin(r, r.engine.replace(/-fp$/, ""), r.workers);
    if (full) lines.push(`${label(r)}: fingerprints over states: ${(rate(r) / rate(full)).toFixed(2)}x states/s, ${(perState(r) / perState(full)).toFixed(2)}x bytes/state (${perState(full).toFixed(1)} -> ${perState(r).toFixed(1)})`);
  }
  return lines;
}

/** Packed over object states/s for each Basic Paxos model (one worker, same symmetry setting). */
function paxosRatios(rows: Row[]): string[] {
  return rows
    .filter((r) => r.engine === "packed" && r.workers === 1 && !r.model.startsWith("paxos.tla"))
    .flatMap((p) => {
      const o = rows.find((r) => r.engine === "object" && r.model === p.model && r.workers === 1 && r.symmetry === p.symmetry);
      return o ? [`${p.model}${p.symmetry ? " (symmetry)" : ""}: packed ${fmt(p.result.stats.statesPerSecond)} states/s, object ${fmt(o.result.stats.statesPerSecond)} states/s, ${(p.result.stats.statesPerSecond / o.result.stats.statesPerSecond).toFixed(1)}x`] : [];
    });
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function table(rows: Row[]): string {
  const header = ["model", "engine", "workers", "symmetry", "verdict", "distinct states", "depth", "seconds", "states/s", "bytes/state", "vs TLC 391 s"];
  const body = rows.map(({ model, engine, workers, symmetry, result: r }) => {
    const s = r.stats;
    const sameSpace = model === "paxos.tla 0..3" && !symmetry;
    return [
      model, engine, String(workers), symmetry ? "yes" : "no", r.verdict, fmt(s.distinctStates), String(s.depth), s.seconds.toFixed(2), fmt(s.statesPerSecond),
      s.bytesPerState.toFixed(1),
      sameSpace ? `${(TLC_SECONDS / s.seconds).toFixed(1)}x faster` : "",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0]!.toFixed(2);
  const rows = await lamportRows(3);
  for (const { name, config } of PAXOS_BENCH_CONFIGS) rows.push(...(await paxosRows(name, config)));
  console.log(`synod bench: node ${process.version}, load average before ${loadBefore}, after ${loadavg()[0]!.toFixed(2)}\n`);
  console.log(table(rows));
  console.log(`\nBasic Paxos, packed engine over object engine:\n${paxosRatios(rows).map((l) => `  ${l}`).join("\n")}`);
  console.log(`\nratios measured in this run:\n${sameRunRatios(rows).map((l) => `  ${l}`).join("\n")}`);
  const full = rows.filter((r) => r.model === "paxos.tla 0..3" && !r.symmetry);
  const exact = full.every((r) => r.result.stats.distinctStates === TLC_STATES && r.result.stats.depth === TLC_DEPTH);
  const best = Math.min(...full.map((r) => r.result.stats.seconds));
  console.log(`\nPaxos.tla 0..3 state space equals TLC's (${fmt(TLC_STATES)} states, depth ${TLC_DEPTH}): ${exact ? "yes" : "NO"}`);
  console.log(`bar: at most ${BAR_SECONDS} s on the same state space: best ${best.toFixed(2)} s, ${(TLC_SECONDS / best).toFixed(1)}x faster than TLC: ${best <= BAR_SECONDS && exact ? "met" : "NOT MET"}`);
  if (!exact || best > BAR_SECONDS) process.exitCode = 1;
}

await main();
