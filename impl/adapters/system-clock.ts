import type { Clock } from "../ports/clock.ts";

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

/** A clock whose timers never fire: simulation feeds timeouts in as explicit inputs. */
export const frozenClock: Clock = { now: () => 0, setTimer: () => () => {} };
