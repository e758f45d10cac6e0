// A target that runs as a separate process and speaks the process protocol (process-protocol.ts)
// on its stdin and stdout. One process serves a whole stage: each run is a `create` and a
// `close`. Every reply must come within the call limit and parse; anything else (a line that is
// not JSON, a reply to the wrong request, a missing field, the process exiting) fails the call
// with the line and the reason, and the process is killed and started afresh for the next run,
// so a run never hangs on it. What the process writes on stderr is kept (its last lines) for
// the failure message.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import type { z } from "zod";
import type { Target, TargetCluster, Effects, Envelope } from "./target.ts";
import type { Roles } from "./vocabulary.ts";
import { TargetFault } from "./run.ts";
import { EffectsReply, ErrorReply, HelloReply, PROTOCOL_VERSION, StateReply, AnyReply, type Request, type RequestBody } from "./process-protocol.ts";

/** A message of a process target: its own JSON, with the meaning the process gave it. */
export type ProcessMessage = { readonly msg: unknown; readonly meaning: unknown };

export type ProcessOptions = {
  /** The command line, run by the shell. */
  readonly command: string;
  readonly cwd?: string;
  /** Longest wait for one reply, in ms. */
  readonly replyTimeoutMs?: number;
};

const STDERR_LINES = 20;

/** The process's own start-up (a runtime loading) is not an answer's latency: hello waits at least this long. */
const HELLO_TIMEOUT_MS = 30_000;

type Pending = { readonly line: string; readonly op: Request["op"]; resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout };

/** One running process and the requests waiting for its answer. */
class Connection {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private readonly stderr: string[] = [];
  private nextId = 1;
  private dead: string | null = null;

  constructor(private readonly o: ProcessOptions) {
    this.child = spawn(o.command, { shell: true, cwd: o.cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdin!.on("error", () => {}); // a dead process: reported by its exit, not as an unhandled error
    createInterface({ input: this.child.stdout! }).on("line", (line) => this.onLine(line));
    createInterface({ input: this.child.stderr! }).on("line", (line) => {
      this.stderr.push(line);
      if (this.stderr.length > STDERR_LINES) this.stderr.shift();
    });
    this.child.on("error", (e) => this.fail(`cannot run '${o.command}': ${e.message}`));
    this.child.on("exit", (code, signal) => this.fail(`the target process exited (${signal ?? `code ${code}`})`));
  }

  get alive(): boolean {
    return this.dead === null;
  }

  async request<S extends z.ZodType>(req: RequestBody, schema: S, limitMs?: number): Promise<z.output<S>> {
    if (this.dead) throw new TargetFault(`${req.op}: ${this.dead}${this.stderrTail()}`);
    const id = this.nextId++;
    const line = JSON.stringify({ id, ...req });
    const raw = await new Promise<unknown>((resolve, reject) => {
      const limit = limitMs ?? this.o.replyTimeoutMs ?? 5_000;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new TargetFault(`no reply within ${limit} ms to: ${line}${this.stderrTail()}`));
        this.kill("it did not answer in time");
      }, limit);
      this.pending.set(id, { line, op: req.op, resolve, reject, timer });
      this.child.stdin!.write(`${line}\n`);
    });
    const refused = ErrorReply.safeParse(raw);
    if (refused.success) throw new TargetFault(`the target refused ${line}: ${refused.data.error}`);
    const r = schema.safeParse(raw);
    if (!r.success) throw new TargetFault(`bad reply to ${line}: ${JSON.stringify(raw)}: ${issue(r.error)}`);
    return r.data;
  }

  kill(why: string): void {
    this.fail(`the target process was stopped: ${why}`);
    this.child.kill("SIGKILL");
  }

  private onLine(text: string): void {
    if (text.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.kill(`the target wrote a line that is not JSON: ${text.slice(0, 200)}`);
    }
    const r = AnyReply.safeParse(json);
    const p = r.success ? this.pending.get(r.data.id) : undefined;
    if (!p) return this.kill(`the target wrote a line that answers no request waiting: ${text.slice(0, 200)}`);
    clearTimeout(p.timer);
    this.pending.delete(r.data!.id);
    p.resolve(json);
  }

  private fail(why: string): void {
    if (this.dead) return;
    this.dead = why;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new TargetFault(`${why}, waiting for the reply to: ${p.line}${this.stderrTail()}`));
      this.pending.delete(id);
    }
  }

  private stderrTail(): string {
    return this.stderr.length ? `\n  its stderr ended with:\n    ${this.stderr.join("\n    ")}` : "";
  }
}

/** Starts the process, asks who it is (hello), and returns it as a target. */
export async function processTarget(o: ProcessOptions): Promise<Target<ProcessMessage>> {
  let conn = new Connection(o);
  const hello = await conn.request({ op: "hello", version: PROTOCOL_VERSION }, HelloReply, Math.max(HELLO_TIMEOUT_MS, o.replyTimeoutMs ?? 0)).catch((e: Error) => {
    conn.kill("hello failed");
    throw e;
  });
  /** The live process; one that was stopped is started again and greeted first. */
  const live = async () => {
    if (conn.alive) return conn;
    conn = new Connection(o);
    await conn.request({ op: "hello", version: PROTOCOL_VERSION }, HelloReply, Math.max(HELLO_TIMEOUT_MS, o.replyTimeoutMs ?? 0));
    return conn;
  };
  const effects = (r: z.output<typeof EffectsReply>): Effects<ProcessMessage> => ({
    sent: r.sent.map((s) => ({ from: s.from, to: s.to, msg: { msg: s.msg, meaning: s.meaning } })),
    learned: r.learned,
  });
  return {
    name: hello.name,
    capabilities: hello.capabilities,
    async create(roles: Roles): Promise<TargetCluster<ProcessMessage>> {
      const c = await live();
      const created = await c.request({ op: "create", roles }, EffectsReply);
      // A node sends nothing before Synod tells it something happened (a proposal, a timer, a message).
      if (created.sent.length > 0 || created.learned.length > 0) throw new TargetFault(`create: the target sent or learned something before any call: ${JSON.stringify(created)}`);
      // The acceptors' state, asked once per step for all of them (white box); any call may change it.
      let states: Promise<z.output<typeof StateReply>["acceptors"]> | null = null;
      const call = async (req: RequestBody) => {
        states = null;
        return effects(await c.request(req, EffectsReply));
      };
      const cluster: TargetCluster<ProcessMessage> = {
        propose: (proposer, value) => call({ op: "propose", proposer, value }),
        timeout: (proposer) => call({ op: "timeout", proposer }),
        deliver: (e: Envelope<ProcessMessage>) => call({ op: "deliver", envelope: { from: e.from, to: e.to, msg: e.msg.msg } }),
        crash: (node) => call({ op: "crash", node }),
        restart: (node) => call({ op: "restart", node }),
        close: async () => {
          if (c.alive) await c.request({ op: "close" }, EffectsReply);
        },
      };
      if (hello.whiteBox)
        cluster.acceptorState = async (acceptor) => {
          states ??= c.request({ op: "state" }, StateReply).then((r) => r.acceptors);
          const state = (await states)[acceptor];
          if (!state) throw new TargetFault(`state: the reply names no acceptor ${acceptor}`);
          return state;
        };
      return cluster;
    },
    meaning: (m) => m.meaning as never,
    describe: (m) => {
      const s = JSON.stringify(m.msg);
      return s.length <= 80 ? s : `${s.slice(0, 77)}...`;
    },
    dispose: () => conn.kill("the stage is done"),
  };
}

function issue(e: z.ZodError): string {
  const i = e.issues[0]!;
  return `${i.path.length ? `field ${i.path.join(".")}` : "reply"}: ${i.message}`;
}
