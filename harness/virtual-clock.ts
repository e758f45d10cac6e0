// Time for a simulated cluster whose nodes arm their own timers: nothing fires until the run
// says so, and then the earliest timer fires, time jumping to it. Deterministic: timers due at
// the same moment fire in the order they were armed.
import type { Clock } from "../impl/ports/clock.ts";

type Timer = { readonly at: number; readonly order: number; readonly fn: () => void };

export class VirtualClock implements Clock {
  private time = 0;
  private armed = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer: Timer = { at: this.time + Math.max(0, ms), order: this.armed++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Timers armed and not yet fired or cancelled. */
  get pending(): number {
    return this.timers.length;
  }

  /** Fires the earliest timer, moving time to it; false when none is armed. */
  fireNext(): boolean {
    if (this.timers.length === 0) return false;
    const next = this.timers.reduce((a, b) => (b.at < a.at || (b.at === a.at && b.order < a.order) ? b : a));
    this.timers = this.timers.filter((t) => t !== next);
    this.time = Math.max(this.time, next.at);
    next.fn();
    return true;
  }
}
