// A model whose packed steps are compiled from source, run by `synod check` in a process that
// forbids compiling code from strings: the run falls back to the object engine and says why, and
// `--engine packed` is refused with the reason (exit 2).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

/** `args` name a small verified run of model `name`; the message names what is compiled, which begins with `what` ("Paxos.tla's"). */
export function expectObjectFallback(args: readonly string[], name: string, what: string): void {
  const bin = fileURLToPath(new URL("../../bin/synod.js", import.meta.url));
  const synod = (...more: string[]) => spawnSync(process.execPath, ["--disallow-code-generation-from-strings", bin, "check", ...args, ...more], { encoding: "utf8", timeout: 60_000 });
  const reason = `the packed engine compiles ${what.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[^(]* from source, which this process forbids`;
  const fallback = synod();
  expect(fallback.status).toBe(0);
  expect(fallback.stdout).toMatch(/verdict: verified/);
  expect(fallback.stdout).toMatch(new RegExp(`engine: object \\(${reason}`));
  const packedOnly = synod("--engine", "packed");
  expect(packedOnly.status).toBe(2);
  expect(packedOnly.stderr).toMatch(new RegExp(`synod check: ${name}: ${reason}`));
}
