// A worker thread seen from the main thread: requests answered in order, one at a time, and
// a worker's crash turned into a rejected request instead of a hang.
import type { Worker } from "node:worker_threads";

export class WorkerLink<Req> {
  private readonly waiting: ((reply: unknown) => void)[] = [];
  private failure: Error | undefined;
  /** Resolves with the worker's first message, sent once it has loaded its model. */
  readonly ready: Promise<unknown>;

  constructor(readonly worker: Worker) {
    this.ready = new Promise((resolve) => this.waiting.push(resolve));
    worker.on("message", (reply) => this.waiting.shift()?.(reply));
    worker.on("error", (err) => {
      this.failure = err;
      for (const w of this.waiting.splice(0)) w({ error: err });
    });
  }

  async call<R>(req: Req, transfer: ArrayBuffer[] = []): Promise<R> {
    if (this.failure) throw this.failure;
    const reply = await new Promise<unknown>((resolve) => {
      this.waiting.push(resolve);
      this.worker.postMessage(req, transfer);
    });
    const error = (reply as { error?: Error }).error;
    if (error) throw error;
    return reply as R;
  }
}
