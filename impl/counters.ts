// Named counters of what a node refused, cut off and handled, so that an attack or a fault
// shows in numbers (`synod stats`), not only in log lines.
export type CounterName =
  | "frames-in"
  | "frames-out"
  | "refused-bad-magic"
  | "refused-oversize"
  | "refused-unauthenticated"
  | "refused-malformed"
  | "refused-membership"
  | "refused-not-a-member"
  | "refused-ballot-out-of-reach"
  | "refused-key-limit"
  | "refused-overloaded"
  | "connections-accepted"
  | "connections-refused"
  | "connections-evicted"
  | "slow-frames-cut"
  | "slow-readers-cut"
  | "idle-closed"
  | "requests"
  | "requests-unavailable";

export class Counters {
  private readonly values = new Map<CounterName, number>();

  inc(name: CounterName, by = 1): void {
    this.values.set(name, (this.values.get(name) ?? 0) + by);
  }

  get(name: CounterName): number {
    return this.values.get(name) ?? 0;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.values].sort(([a], [b]) => a.localeCompare(b)));
  }
}
