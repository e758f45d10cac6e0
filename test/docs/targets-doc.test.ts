// docs/targets.md takes a reader from nothing to a failing and a passing run of their own
// adapter. The default suite runs every command of it but the vitest run of the generated test
// (the stages again, a quarter of a minute), which targets-doc.deep.test.ts runs.
import { describe } from "vitest";
import { walkThrough } from "./targets-walk.ts";

describe("docs/targets.md", () => walkThrough((command) => command.startsWith("npx vitest")));
