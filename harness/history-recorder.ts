// Records what clients asked and what they were told, as Jepsen does (lincheck/history.ts):
// an invocation before the call, and after it ok, fail (certainly not done) or info (unknown).
import { writeFile } from "node:fs/promises";
import type { HistoryEvent } from "../lincheck/history.ts";
import { ClusterMismatchError, InvalidInputError } from "../impl/errors.ts";

export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];
  private readonly t0 = performance.now();

  private now(): number {
    return Math.round((performance.now() - this.t0) * 1000) / 1000;
  }

  /**
   * Run one operation of `process` and record it. Errors that prove the operation never left
   * the client are `fail`; any other error (a deadline, a lost connection) is `info`: the
   * operation may still take effect.
   */
  async record(process: number, f: "propose" | "read", key: string, value: string | null, run: () => Promise<string | null>): Promise<"ok" | "fail" | "info"> {
    this.events.push({ process, type: "invoke", f, key, value, time: this.now() });
    try {
      const out = await run();
      this.events.push({ process, type: "ok", f, key, value: out, time: this.now() });
      return "ok";
    } catch (e) {
      const type = e instanceof InvalidInputError || e instanceof ClusterMismatchError ? "fail" : "info";
      this.events.push({ process, type, f, key, value: null, time: this.now() });
      return type;
    }
  }

  write(file: string): Promise<void> {
    return writeFile(file, this.events.map((e) => JSON.stringify(e)).join("\n") + "\n");
  }
}
