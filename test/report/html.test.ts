// The HTML report without a browser: model states inspected (Basic Paxos and Paxos.tla), a
// counterexample turned into a view to step through (model alone, and model beside the
// implementation in lockstep), and the page rendered self-contained and escaped.
import { describe, expect, it } from "vitest";
import { createPaxosModel } from "../../model/basic-paxos/paxos-model.ts";
import { DEFAULT_CONFIG } from "../../model/basic-paxos/config.ts";
import { inspectPaxos, paxosChartEvent } from "../../model/basic-paxos/inspect.ts";
import { createLamportModel } from "../../model/lamport/model.ts";
import { inspectLamport, lamportChartEvent } from "../../model/lamport/inspect.ts";
import { renderReport, scriptJson } from "../../report/html/render.ts";
import { sequenceChart } from "../../report/html/chart.ts";
import type { ReportDocument } from "../../report/html/document.ts";
import { quorumBugCheck, quorumBugLockstep } from "./fixtures.ts";

const field = (i: ReturnType<typeof inspectPaxos>, node: string, name: string) => i.nodes.find((n) => n.id === node)!.fields.find((f) => f.name === name)!.value;

describe("inspecting a model state", () => {
  it("Basic Paxos: acceptors' promises and votes, proposers' phases, what is in flight and chosen", () => {
    const model = createPaxosModel(DEFAULT_CONFIG);
    let s = model.initialStates()[0]!;
    expect(inspectPaxos(s).nodes.map((n) => `${n.id} ${n.role}`)).toEqual(["a1 acceptor", "a2 acceptor", "a3 acceptor", "p1 proposer", "p2 proposer"]);
    s = model.next(s, { kind: "propose", proposer: "p1" });
    const prepare = model.actions(s).find((a) => a.kind === "deliver" && a.to === "a2")!;
    s = model.next(s, prepare);
    const i = inspectPaxos(s);
    expect(field(i, "a2", "promised")).toBe("1.p1");
    expect(field(i, "a1", "promised")).toBe("none");
    expect(field(i, "p1", "phase")).toBe("1 (prepare)");
    expect(field(i, "p1", "ballot")).toBe("1.p1");
    expect(i.inFlight).toContainEqual({ from: "a2", to: "p1", label: "Promise(b=1.p1, voted=none)" });
    expect(i.facts.find((f) => f.name === "chosen")!.value).toBe("nothing");
    expect(paxosChartEvent(prepare)).toEqual({ kind: "message", from: "p1", to: "a2", label: "Prepare(b=1.p1)", lost: false });
    expect(paxosChartEvent({ kind: "crash", node: "a3" })).toEqual({ kind: "note", over: ["a3"], text: "crash" });
  });

  it("Paxos.tla: maxBal, maxVBal, maxVal per acceptor, every message sent, the chosen values", () => {
    const config = { acceptors: 3, values: 2, ballots: 1 };
    const model = createLamportModel(config);
    let s = model.next(model.initialStates()[0]!, { phase: "Phase1a", bal: 0 });
    s = model.next(s, { phase: "Phase1b", acc: 1, bal: 0 });
    const i = inspectLamport(s, config);
    expect(i.nodes[1]!.fields).toEqual([{ name: "maxBal", value: "0" }, { name: "maxVBal", value: "-1" }, { name: "maxVal", value: "None" }]);
    expect(i.inFlight.map((m) => `${m.from}->${m.to} ${m.label}`)).toEqual(["leaders->acceptors 1a(bal=0)", "a2->leaders 1b(acc=a2, bal=0, mbal=-1, mval=None)"]);
    expect(i.facts[0]).toEqual({ name: "chosen", value: "nothing" });
    expect(lamportChartEvent({ phase: "Phase1b", acc: 1, bal: 0 })).toEqual({ kind: "message", from: "leaders", to: "a2", label: "1a(bal=0)", lost: false });
  });
});

describe("a counterexample as a view", () => {
  it("of the model: every state inspected, the violation after the last step, proposers' columns first", async () => {
    const { result, document } = await quorumBugCheck();
    const view = document.counterexamples[0]!;
    expect(view.steps).toHaveLength(result.violation!.steps.length);
    expect(view.failedStep).toBe(view.steps.length);
    expect(view.violation.property).toBe("learned-is-chosen");
    expect(view.participants).toEqual(["p1", "p2", "a1", "a2", "a3"]);
    expect(view.steps.at(-1)!.model.nodes.find((n) => n.id === "p1")!.fields.find((f) => f.name === "learned")!.value).toBe("A");
    expect(view.steps.map((s) => s.chart.kind)).toEqual(["note", "message", "message", "message", "message"]);
  });

  it("of a lockstep run: the implementation beside the model after every step, what differs at the step where they part", async () => {
    const { view } = await quorumBugLockstep();
    expect(view.initial.impl).toBeDefined();
    expect(view.steps.every((s) => s.impl !== undefined)).toBe(true);
    const last = view.steps.at(-1)!;
    expect(view.failedStep).toBe(view.steps.length);
    expect((last.differences?.length ?? 0) + (last.broken?.length ?? 0)).toBeGreaterThan(0);
    expect(view.steps.slice(0, -1).every((s) => !s.differences && !s.broken)).toBe(true);
  });
});

describe("renderReport", () => {
  it("renders one self-contained page: inline style and script, no external resource", async () => {
    const { document } = await quorumBugCheck();
    const html = renderReport(document);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<link\b|<script[^>]+src=|<img[^>]+src="http|@import|url\(http/i);
    expect(html.match(/https?:\/\/[^"\s<]*/g)).toEqual(["http://www.w3.org/2000/svg"]); // the SVG namespace, never fetched
    expect(html).toContain('<article class="cx" id="cx-0" data-cx="0"');
    expect(html).toContain('<input type="range" class="slider" min="0" max="5" value="5"');
    expect(html.match(/<g class="ev" data-step=/g)).toHaveLength(5);
    const data = JSON.parse(html.match(/<script type="application\/json" id="synod-data">(.*?)<\/script>/s)![1]!);
    expect(data.counterexamples[0].steps).toHaveLength(5);
  });

  it("escapes what it shows: text from a model or a log can never close a tag or a script", () => {
    const evil = "</script><script>alert(1)</script>";
    const doc: ReportDocument = {
      title: evil,
      command: "x",
      passed: false,
      summary: [evil],
      notices: [{ level: "failure", text: evil }],
      stages: [{ name: "s", title: evil, passed: false, seconds: 0, checks: [{ name: evil, passed: false, detail: evil, seconds: 0 }], lines: [evil] }],
      counterexamples: [
        {
          title: evil, source: evil, violation: { kind: "invariant", property: evil, message: evil }, expected: false, participants: ["p1", evil],
          initial: { model: { nodes: [{ id: "p1", role: "proposer", up: true, fields: [{ name: evil, value: evil }] }], inFlight: [], facts: [] } },
          steps: [{ description: evil, changes: [evil], chart: { kind: "message", from: "p1", to: evil, label: evil, lost: false }, model: { nodes: [], inFlight: [], facts: [] } }],
          failedStep: 1,
        },
      ],
    };
    const html = renderReport(doc);
    expect(html.match(/<script/g)).toHaveLength(2); // the data and the viewer, nothing injected
    expect(html).not.toContain(evil);
    expect(scriptJson({ a: evil })).not.toContain("</");
  });

  it("refuses a document that does not parse, naming the field", () => {
    expect(() => renderReport({ title: "", command: "", passed: true, summary: [], notices: [], stages: [], counterexamples: [] })).toThrow(/title/);
  });

  it("draws a loss as a dashed arrow ending in a cross, a note over its node", () => {
    const svg = sequenceChart(["p1", "a1"], [{ kind: "message", from: "p1", to: "a1", label: "Prepare(b=1.p1)", lost: true }, { kind: "note", over: ["a1"], text: "crash" }], "t");
    expect(svg).toContain('class="msg lost"');
    expect(svg).toContain(">lost Prepare(b=1.p1)</text>");
    expect(svg).toContain('<g class="ev" data-step="2"><rect class="row"');
    expect(svg).toContain(">crash</text>");
  });
});
