// synod check with no flags, as a user first runs it: the default configuration is verified
// (exit 0) and every witness is reached.
import { describe, expect, it } from "vitest";
import { command as check } from "../../cli/commands/check.ts";
import { runCommand } from "./capture.ts";

describe("synod check, the default configuration", () => {
  it("is verified (exit 0), every witness reached, with and without symmetry", async () => {
    for (const argv of [["--symmetry"], []]) {
      const { code, out } = await runCommand(check, argv);
      expect(out).toMatch(/verdict: verified/);
      expect(out).not.toMatch(/NOT reached/);
      expect(code).toBe(0);
    }
  });
});
