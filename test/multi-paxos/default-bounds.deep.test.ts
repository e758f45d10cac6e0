// The default Multi-Paxos bounds through `synod check`, as the bar of docs/multi-paxos.md states
// it: verified (every witness reached) by the packed engine, with the graph pinned in
// model/multi-paxos/pinned-graphs.json. verify's multi-paxos stage runs the same check.
import { describe, expect, it } from "vitest";
import { command as check } from "../../cli/commands/check.ts";
import { multiPaxosPins } from "../../cli/verify/pinned-graphs.ts";
import { runCommand } from "../cli/capture.ts";

describe("the default Multi-Paxos bounds", () => {
  it("synod check --model multi-paxos: verified by the packed engine, the states, transitions and depth pinned", async () => {
    const { code, out } = await runCommand(check, ["--model", "multi-paxos"]);
    const pin = multiPaxosPins.read().default!;
    const fmt = (n: number) => n.toLocaleString("en-US");
    expect(code).toBe(0);
    expect(out).toContain("verdict: verified");
    expect(out).toContain(`${fmt(pin.distinctStates)} distinct states, ${fmt(pin.transitions)} transitions, depth ${pin.depth},`);
    expect(out).toContain("engine: packed");
  });
});
