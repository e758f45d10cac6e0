// Runs a synod command in-process and captures what it prints, so CLI tests need no child
// process (spawning tsx costs about a second each).
import { vi } from "vitest";
import type { Command } from "../../cli/main.ts";

export type Captured = { readonly code: number; readonly out: string; readonly err: string };

export async function runCommand(command: Command, argv: readonly string[]): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void out.push(args.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void err.push(args.join(" ")));
  try {
    const code = await command.run(argv);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
