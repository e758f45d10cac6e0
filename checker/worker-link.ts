// A worker thread seen from the main thread: requests answered in order, one at a time, and
// a worker's crash or a failed request turned into a rejection instead of a hang. An error
// keeps its name across the thread boundary (a PackOverflow stays one). The worker keeps the
// process alive only while a request waits for it: an idle worker, kept for the next run,
// must not hold a finished process open.
import type { Worker } from "node:worker_threads";

type Waiter = (reply: { ok: true; value: unknown } | { ok: false; name: string; message: string }) => void;

export class WorkerLink<Req> {
  private readonly waiting: Waiter[] = [];
  private failure: Error | undefined;
  /** Resolves with the worker's first message, sent once it has loaded its model. */
  readonly ready: Promise<unknown>;

  constructor(readonly worker: Worker) {
    this.ready = new Promise((resolve) => this.waiting.push((r) => resolve(r)));
    worker.on("message", (reply) => {
      this.waiting.shift()?.(reply);
      this.holdWhileWaiting();
    });
    worker.on("error", (err) => {
      this.failure = err;
      for (const w of this.waiting.splice(0)) w({ ok: false, name: err.name, message: err.message });
      this.holdWhileWaiting();
    });
  }

  /** Refs the worker while a reply is awaited, unrefs it when none is (a 'message' listener added after an unref would ref it again: nodejs/node#53036). */
  private holdWhileWaiting(): void {
    if (this.waiting.length > 0) this.worker.ref();
    else this.worker.unref();
  }

  /** The worker crashed: it takes no more requests. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  async call<R>(req: Req, transfer: ArrayBuffer[] = []): Promise<R> {
    if (this.failure) throw this.failure;
    const reply = await new Promise<Parameters<Waiter>[0]>((resolve) => {
      this.waiting.push(resolve);
      this.holdWhileWaiting();
      this.worker.postMessage(req, transfer);
    });
    if (!reply.ok) throw Object.assign(new Error(reply.message), { name: reply.name });
    return reply.value as R;
  }
}
