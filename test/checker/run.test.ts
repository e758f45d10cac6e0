import { describe, expect, it } from "vitest";
import { runCheck } from "../../checker/run.ts";
import { toyModel } from "./toy-model.ts";

describe("runCheck", () => {
  const config = { size: 4, badCell: true };
  const spec = { module: new URL("./toy-model.ts", import.meta.url).href, factory: "toyModel", config };

  it("runs one worker in this thread and more over worker threads, with one verdict", async () => {
    const one = await runCheck(toyModel(config));
    const two = await runCheck(toyModel(config), { workers: 2 }, spec);
    expect(one.verdict).toBe("violation");
    expect(two.verdict).toBe("violation");
    expect(two.violation!.steps).toHaveLength(one.violation!.steps.length);
  });

  it("refuses workers without a spec, and a bad worker count", async () => {
    await expect(runCheck(toyModel(config), { workers: 2 })).rejects.toThrow(/ModelSpec/);
    await expect(runCheck(toyModel(config), { workers: 0 })).rejects.toThrow(/workers/);
  });
});
