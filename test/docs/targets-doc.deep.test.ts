// docs/targets.md's walk-through whole, the vitest run of the generated test included.
import { describe } from "vitest";
import { walkThrough } from "./targets-walk.ts";

describe("docs/targets.md, every command", () => walkThrough(() => false));
