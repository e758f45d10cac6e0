// The linearizability checker of the write-once register: linearizable histories pass
// (concurrency, timed-out operations, reads of none before any choice); the anomalies a broken
// store shows are caught, each with its minimal anomaly; a search too large for its budget
// says "unknown", never a verdict.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkHistory } from "../../lincheck/check.ts";
import { describeAnomaly } from "../../lincheck/describe.ts";
import { parseHistory, type HistoryEvent } from "../../lincheck/history.ts";
import { operations } from "../../lincheck/operations.ts";
import { checkOperations } from "../../lincheck/wgl.ts";
import { writeOnceRegister } from "../../lincheck/register-model.ts";
import { simplify } from "../../lincheck/simplify.ts";

type Op = [process: number, f: "propose" | "read", value: string | null, call: number, ret: number | "info", output?: string | null];

/** A history of key k from [process, f, value, call, ret, output] rows. */
function history(rows: Op[], key = "k"): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const [process, f, value, call, ret, output] of rows) {
    events.push({ process, type: "invoke", f, key, value, time: call });
    if (ret !== "info") events.push({ process, type: "ok", f, key, value: output ?? null, time: ret });
    else events.push({ process, type: "info", f, key, value: null, time: call + 1 });
  }
  return events.sort((a, b) => a.time - b.time);
}

describe("linearizable histories pass", () => {
  const ok: [string, Op[]][] = [
    ["one proposal, then reads", [[1, "propose", "A", 0, 10, "A"], [2, "read", null, 11, 20, "A"], [3, "propose", "B", 21, 30, "A"]]],
    ["concurrent proposals agree on one", [[1, "propose", "A", 0, 10, "B"], [2, "propose", "B", 1, 9, "B"]]],
    ["a read of none before the choice, concurrent with it", [[1, "propose", "A", 0, 10, "A"], [2, "read", null, 5, 12, null]]],
    ["a timed-out proposal that took effect later", [[1, "propose", "A", 0, "info"], [2, "read", null, 50, 60, null], [3, "read", null, 70, 80, "A"]]],
    ["a timed-out proposal that never took effect", [[1, "propose", "A", 0, "info"], [2, "propose", "B", 50, 60, "B"]]],
  ];
  for (const [name, rows] of ok) {
    it(name, () => {
      const r = checkHistory(history(rows));
      expect(r.anomalies).toEqual([]);
      expect(r.linearizable).toBe(1);
    });
  }
});

describe("anomalies are caught with a minimal anomaly", () => {
  const bad: [string, Op[], number][] = [
    ["a stale read: none after a proposal completed", [[1, "propose", "A", 0, 10, "A"], [4, "read", null, 2, 8, null], [2, "read", null, 20, 30, null], [3, "read", null, 40, 50, "A"]], 2],
    ["two values chosen (split brain)", [[1, "propose", "A", 0, 10, "A"], [2, "propose", "B", 20, 30, "B"], [3, "read", null, 40, 50, "A"]], 2],
    ["a value read back that nobody proposed", [[1, "propose", "A", 0, 10, "A"], [2, "read", null, 20, 30, "Z"]], 1],
    ["a value that changes", [[1, "read", null, 0, 5, "A"], [2, "propose", "A", 0, 4, "A"], [3, "propose", "B", 1, 3, "B"]], 2],
    ["a proposal answered none", [[1, "propose", "A", 0, 10, null]], 1],
  ];
  for (const [name, rows, size] of bad) {
    it(name, () => {
      const r = checkHistory(history(rows));
      expect(r.linearizable).toBe(0);
      expect(r.anomalies).toHaveLength(1);
      expect(r.anomalies[0]!.minimal).toHaveLength(size);
      // The minimal anomaly is itself not linearizable, and every operation in it is needed.
      const w = r.anomalies[0]!.minimal.map((o, id) => ({ ...o, id }));
      expect(checkOperations(writeOnceRegister, w)).toBe("not linearizable");
      expect(describeAnomaly(r.anomalies[0]!)[0]).toMatch(/key 'k' is not linearizable/);
    });
  }

  it("the stale read's minimal anomaly is the completed proposal and the read that missed it", () => {
    const r = checkHistory(history([[1, "propose", "A", 0, 10, "A"], [2, "read", null, 20, 30, null], [3, "read", null, 40, 50, "A"]]));
    expect(r.anomalies[0]!.minimal.map((o) => [o.f, o.output])).toEqual([["propose", "A"], ["read", null]]);
  });
});

describe("the search", () => {
  it("checks keys independently", () => {
    const events = [...history([[1, "propose", "A", 0, 10, "A"]], "x"), ...history([[2, "propose", "B", 0, 10, "C"]], "y")];
    const r = checkHistory(events);
    expect(r.keys).toBe(2);
    expect(r.anomalies.map((a) => a.key)).toEqual(["y"]);
  });

  it("says unknown when it runs out of time, never a verdict", () => {
    // Many concurrent reads of none with one proposal: a wide search.
    const rows: Op[] = Array.from({ length: 60 }, (_, i): Op => [i, "read", null, 0, 1000, null]);
    rows.push([99, "propose", "A", 0, 1000, "A"]);
    expect(checkOperations(writeOnceRegister, operations(history(rows)), Date.now() - 1)).toBe("unknown");
  });

  it("agrees with brute force on small random histories (fast-check)", () => {
    const opArb = fc.record({ f: fc.constantFrom("propose", "read"), value: fc.constantFrom("A", "B"), call: fc.integer({ min: 0, max: 20 }), len: fc.integer({ min: 0, max: 10 }), out: fc.constantFrom("A", "B", null, undefined) });
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 6 }), (raw) => {
        const ops = raw.map((r, id) => ({ id, process: id, f: r.f as "propose" | "read", key: "k", input: r.f === "propose" ? r.value : null, output: r.out as string | null | undefined, call: r.call, ret: r.out === undefined ? Infinity : r.call + r.len }));
        const expected = bruteForce(ops) ? "linearizable" : "not linearizable";
        expect(checkOperations(writeOnceRegister, ops)).toBe(expected);
        // Dropping what cannot change the verdict does not change it.
        expect(checkOperations(writeOnceRegister, simplify(ops).map((o, id) => ({ ...o, id })))).toBe(expected);
      }),
      { numRuns: 1000, seed: 6 },
    );
  });

  it("reads histories back from JSON lines and names a bad line", () => {
    const events = history([[1, "propose", "A", 0, 10, "A"]]);
    expect(parseHistory(events.map((e) => JSON.stringify(e)).join("\n"))).toEqual(events);
    expect(() => parseHistory('{"process":1}')).toThrow(/history line 1: type/);
  });
});

/** Try every order of every subset of open-ended operations (those may never take effect). */
function bruteForce(ops: ReturnType<typeof operations>): boolean {
  const must = ops.filter((o) => o.ret !== Infinity);
  const may = ops.filter((o) => o.ret === Infinity);
  for (let mask = 0; mask < 1 << may.length; mask++) {
    const chosen = [...must, ...may.filter((_, i) => mask & (1 << i))];
    if (permutations(chosen).some((order) => valid(order))) return true;
  }
  return false;
  function valid(order: typeof ops): boolean {
    for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) if (order[j]!.ret < order[i]!.call) return false;
    let s: string | null = null;
    for (const o of order) {
      const next = writeOnceRegister.step(s, o);
      if (next === null) return false;
      s = next.state;
    }
    return true;
  }
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}
