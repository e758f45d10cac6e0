// A machine small enough to reason about by hand, with switches for each shape of liveness
// failure the engine must tell apart: from a, "go" to b and "back" to a make a cycle; "finish"
// reaches done (the goal), and may be weakly fair everywhere, unfair, or fair but enabled only
// at a; "stall" leads to a state where nothing is enabled (or only a "wait" that changes
// nothing); "retry" counts up to a bound, and a run that uses every retry is cut off by it.
// With `renamed`, states that differ only in their tries count as one up to renaming, so that a
// run of retries is a lasso when the rest is fair.
import { z } from "zod";
import type { ModelDefinition } from "../../checker/definition.ts";
import type { Model } from "../../checker/model.ts";
import type { PackedModel } from "../../checker/packed-model.ts";

export type Machine = { readonly at: "a" | "b" | "done" | "stuck"; readonly tries: number };
export const MachineAction = z.enum(["go", "back", "finish", "stall", "retry", "wait"]);
export type MachineAction = z.infer<typeof MachineAction>;

const MachineConfig = z.strictObject({
  cycle: z.boolean().default(false),
  finish: z.enum(["none", "fair", "unfair", "fair-at-a"]).default("fair"),
  stall: z.boolean().default(false),
  wait: z.boolean().default(false),
  retries: z.number().int().min(0).max(9).default(0),
  renamed: z.boolean().default(false),
});
export type MachineOptions = z.infer<typeof MachineConfig>;

export function machineModel(o: MachineOptions): Model<Machine, MachineAction> {
  return {
    name: "toy-liveness",
    config: o,
    initialStates: () => [{ at: "a", tries: 0 }],
    actions(s) {
      const out: MachineAction[] = [];
      if (s.at === "a") {
        if (o.cycle) out.push("go");
        if (o.finish !== "none") out.push("finish");
        if (o.stall) out.push("stall");
        if (s.tries < o.retries) out.push("retry");
      } else if (s.at === "b") {
        out.push("back");
        if (o.finish === "fair" || o.finish === "unfair") out.push("finish");
      } else if (s.at === "stuck" && o.wait) out.push("wait");
      return out;
    },
    next(s, a) {
      switch (a) {
        case "go": return { ...s, at: "b" };
        case "back": return { ...s, at: "a" };
        case "finish": return { ...s, at: "done" };
        case "stall": return { ...s, at: "stuck" };
        case "retry": return { ...s, tries: s.tries + 1 };
        case "wait": return s;
      }
    },
    describeAction: (a) => a,
    describeChange: (b, a) => [`${b.at}/${b.tries} -> ${a.at}/${a.tries}`],
    actionSchema: MachineAction,
    invariants: [],
    stepChecks: [],
    witnesses: [],
    liveness: {
      properties: [{ id: "eventually-done", goal: (s) => s.at === "done" }],
      fairClass: (a) => (a === "finish" && o.finish === "unfair" ? null : a),
      cutOff: (s) => (o.retries > 0 && s.at === "a" && s.tries >= o.retries ? `no retry left (retries ${o.retries})` : null),
      ...(o.renamed ? { renaming: { key: (s: Machine) => s.at, between: (a: Machine, b: Machine) => `tries ${a.tries}→${b.tries}` } } : {}),
    },
  };
}

const PLACES = ["a", "b", "done", "stuck"] as const;

/** One word: the place in the low four bits, the tries above; successors through the object model. */
export function machinePacked(o: MachineOptions): PackedModel<Machine, MachineAction> {
  const model = machineModel(o);
  const encode = (s: Machine, out: Int32Array, off: number) => {
    out[off] = PLACES.indexOf(s.at) | (s.tries << 4);
  };
  const decode = (w: Int32Array, off: number): Machine => ({ at: PLACES[w[off]! & 15]!, tries: w[off]! >>> 4 });
  return {
    model,
    words: 1,
    encode,
    decode,
    successors(w, off, out, emit) {
      const s = decode(w, off);
      for (const a of model.actions(s)) {
        encode(model.next(s, a), out, 0);
        emit();
      }
    },
    firstBrokenInvariant: () => -1,
    witnessBits: () => 0,
    livenessGoal: (_k, w, off) => decode(w, off).at === "done",
    // The one unfair step is an unfair finish, and it is the only step into done.
    fairStep: (_b, _bo, after, ao) => !(o.finish === "unfair" && decode(after, ao).at === "done"),
  };
}

export const definition: ModelDefinition<MachineOptions, Machine, MachineAction> = {
  name: "toy-liveness",
  summary: "a machine with switches for each shape of liveness failure",
  module: import.meta.url,
  parseConfig(input) {
    const parsed = MachineConfig.safeParse(input ?? {});
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join(".") || "(config)"}: ${issue.message}`);
  },
  configFields: [
    { field: "cycle", flag: "cycle", kind: "on", help: "go from a to b and back" },
    { field: "stall", flag: "stall", kind: "on", help: "a step into a state with nothing enabled" },
    { field: "retries", flag: "retries", kind: "int", help: "retries up to a bound" },
  ],
  variants: [],
  create: (config) => machineModel(config),
  packed: (config) => machinePacked(config),
};
