// Running docs/targets.md's walk-through: every `$ command   # exit N` line of its sh blocks, in
// order, in a fresh project directory where `synod` is installed as a package (node_modules
// linked to this checkout); each must exit as the line says.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";

const run = promisify(execFile);
const repo = resolve(".");

/** The `$ ...   # exit N` lines of the sh blocks, in order. */
export function docCommands(markdown: string): { command: string; exit: number }[] {
  const out: { command: string; exit: number }[] = [];
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1]!.split("\n")) {
      const m = /^\$ (.+?)\s+# exit (\d+)$/.exec(line);
      if (m) out.push({ command: m[1]!, exit: Number(m[2]) });
      else if (line.startsWith("$ ")) throw new Error(`docs/targets.md: a command without its '# exit N': ${line}`);
    }
  }
  return out;
}

/** A project that has installed synod: node_modules holds this checkout's packages and synod itself. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "synod-targets-doc-"));
  const modules = join(dir, "node_modules");
  mkdirSync(join(modules, ".bin"), { recursive: true });
  for (const name of readdirSync(join(repo, "node_modules"))) if (name !== ".bin") symlinkSync(join(repo, "node_modules", name), join(modules, name));
  symlinkSync(repo, join(modules, "synod"));
  symlinkSync(join(repo, "bin", "synod.js"), join(modules, ".bin", "synod"));
  symlinkSync(join(repo, "node_modules", ".bin", "vitest"), join(modules, ".bin", "vitest"));
  return dir;
}

/** Runs the page's commands in a fresh project; `skip` leaves some out. */
export function walkThrough(skip: (command: string) => boolean): void {
  const dir = project();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const commands = docCommands(readFileSync("docs/targets.md", "utf8"));

  it("has the walk-through, init first", () => {
    expect(commands[0]!.command).toBe("npx synod target init my-paxos");
    expect(commands.map((c) => c.exit)).toContain(1);
  });

  it("runs every command as the page says", async () => {
    for (const { command, exit } of commands.filter((c) => !skip(c.command))) {
      const local = command.replace(/^npx (\S+)/, (_, bin: string) => join(dir, "node_modules", ".bin", bin));
      const code = await run("sh", ["-c", local], { cwd: dir, env: { ...process.env, CI: "true" }, maxBuffer: 64 * 1024 * 1024 }).then(
        () => 0,
        (e: { code?: number; stdout?: string; stderr?: string }) => {
          if (e.code !== exit) console.error(`${command}\n${e.stdout}\n${e.stderr}`);
          return e.code ?? -1;
        },
      );
      expect({ command, code }).toEqual({ command, code: exit });
    }
  }, 300_000);
}

