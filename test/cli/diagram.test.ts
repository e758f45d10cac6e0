// synod diagram: a counterexample saved by synod check comes back as a Mermaid sequence
// diagram whose arrows are exactly the trace's deliveries; bad input exits 2 with the reason.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { command as check } from "../../cli/commands/check.ts";
import { command as diagram } from "../../cli/commands/diagram.ts";
import { runCommand } from "./capture.ts";

const dir = mkdtempSync(join(tmpdir(), "synod-diagram-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tracePath = join(dir, "quorum.json");

beforeAll(async () => {
  const checked = await runCommand(check, ["--mutant", "quorum-n-over-2", "--losses", "0", "--trace-out", tracePath]);
  expect(checked.code).toBe(1);
});

describe("synod diagram", () => {
  it("draws one arrow per delivery, from sender to receiver, after the participants", async () => {
    const { code, out } = await runCommand(diagram, [tracePath]);
    expect(code).toBe(0);
    const trace = JSON.parse(readFileSync(tracePath, "utf8")) as { steps: { action: { kind: string; to?: string; msg?: { from: string } } }[] };
    const arrows = out.split("\n").filter((l) => l.includes("->>"));
    const deliveries = trace.steps.filter((s) => s.action.kind === "deliver");
    expect(arrows.length).toBe(deliveries.length);
    deliveries.forEach((d, i) => expect(arrows[i]!.trim().startsWith(`${d.action.msg!.from}->>${d.action.to}:`)).toBe(true));
    expect(out.split("\n").slice(0, 6)).toEqual(["sequenceDiagram", "  participant p1", "  participant p2", "  participant a1", "  participant a2", "  participant a3"]);
  });

  it("--markdown names the broken property and numbers the steps around a mermaid block", async () => {
    const { code, out } = await runCommand(diagram, [tracePath, "--markdown"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^### learned-is-chosen \(invariant\): /);
    expect(out).toMatch(/mutant quorum-n-over-2/);
    expect(out).toMatch(/^1\. propose p\d/m);
    expect(out).toContain("```mermaid\nsequenceDiagram");
  });

  it("exits 2 naming the bad field of a malformed trace, and on a missing file", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(readFileSync(tracePath, "utf8")), steps: [{ action: { kind: "fly" }, description: "", changes: [] }] }));
    const malformed = await runCommand(diagram, [bad]);
    expect(malformed.code).toBe(2);
    expect(malformed.err).toMatch(/steps\.0\.action/);
    const missing = await runCommand(diagram, [join(dir, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/not a readable JSON file/);
    expect((await runCommand(diagram, [])).code).toBe(2);
  });
});
