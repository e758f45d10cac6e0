// The layers only point down (docs/architecture.md): every relative import of a source folder
// goes to a folder it may use. A new import that points up fails here, naming file and import.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, normalize, dirname, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ALLOWED: Record<string, readonly string[]> = {
  protocol: [],
  invariants: ["protocol"],
  checker: [],
  model: ["protocol", "invariants", "checker"],
  impl: ["protocol"],
  lincheck: [],
  harness: ["impl", "protocol", "invariants", "lincheck", "target"],
  target: ["protocol", "invariants", "checker"],
  api: ["target", "tracecheck", "protocol", "invariants", "checker"],
  mbt: ["harness", "impl", "model", "invariants", "protocol", "checker", "target"],
  conformance: ["mbt", "harness", "impl", "model", "invariants", "protocol", "checker"],
  tracecheck: ["harness", "impl", "model", "invariants", "protocol", "checker", "target"],
  report: ["mbt", "harness", "impl", "model", "invariants", "protocol", "checker"],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|new URL\(\s*)["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]!);
}

describe("layers", () => {
  it("every import of a layer points to itself or below", () => {
    const wrong: string[] = [];
    for (const [layer, allowed] of Object.entries(ALLOWED)) {
      for (const file of sources(layer)) {
        for (const spec of imports(file)) {
          const target = relative(".", normalize(join(dirname(file), spec))).split("/")[0]!;
          if (target !== layer && !allowed.includes(target)) wrong.push(`${file} imports ${spec} (${layer} may use ${allowed.join(", ") || "nothing"})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("is checked for every source folder", () => {
    const folders = readdirSync(".").filter((d) => statSync(d).isDirectory() && sources(d).length > 0 && !["node_modules", "test", "cli", "bench", "scripts", "docs", ".git", "reports", "examples"].includes(d) && !d.startsWith("."));
    expect(folders.filter((d) => !(d in ALLOWED))).toEqual([]);
  });
});
