// Steps per second of a piece of work, wall-clock and CPU both (the machine is shared: CPU time
// is what the work itself costs), for the benches that count steps (mbt, targets).
export type StepRate = { readonly name: string; readonly steps: number; readonly wall: number; readonly cpu: number };

/** Runs `f`, which returns how many steps it took, and times it. */
export async function measureSteps(name: string, f: () => Promise<number>): Promise<StepRate> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const steps = await f();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { name, steps, wall, cpu: (c.user + c.system) / 1e6 };
}
