// Free loopback ports for processes started later (a local cluster, the torture harness). A port
// the OS hands out for port 0 comes from its ephemeral range, which it also hands to every
// outgoing connection: between our probe and the child's bind, a client connecting elsewhere
// (a parallel test, another node) could take it. So ports are probed below the ephemeral
// ranges (Linux starts them at 32768, BSD and macOS at 49152), at random, and one that is held
// is skipped. Another listener can still take a port between probe and bind; that is rare.
import * as net from "node:net";

const LOW = 20_000;
const HIGH = 32_767;
const ATTEMPTS = 50;

function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  for (let i = 0; i < ATTEMPTS; i++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW + 1));
    if (await free(port)) return port;
  }
  throw new Error(`no free loopback port found in ${LOW}-${HIGH} after ${ATTEMPTS} tries`);
}
