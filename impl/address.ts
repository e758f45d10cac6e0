// Network addresses as the CLI and the cluster file write them: HOST:PORT, with an IPv6 host
// in brackets ([::1]:7001), checked with zod where they enter.
import { isIP } from "node:net";
import { z } from "zod";

const FORM = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/;

export const HostPort = z
  .string()
  .regex(FORM, "an address is HOST:PORT, for example 127.0.0.1:7001 or [::1]:7001")
  .refine((s) => !FORM.exec(s)?.[1] || isIP(FORM.exec(s)![1]!) === 6, "the host in brackets must be an IPv6 address")
  .refine((s) => Number(FORM.exec(s)?.[3]) <= 65535, "a port is at most 65535");

export function splitHostPort(addr: string): { host: string; port: number } {
  const m = FORM.exec(addr);
  if (!m) throw new RangeError(`not a HOST:PORT address: ${addr}`);
  return { host: m[1] ?? m[2]!, port: Number(m[3]) };
}

export function joinHostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A wildcard address listens on every interface: reachable from the network. */
export function isWildcard(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "" || host === "[::]";
}
