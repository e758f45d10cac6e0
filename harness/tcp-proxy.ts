// A TCP proxy that injects network faults between two endpoints on loopback: it forwards
// bytes both ways, or drops connections (reset, and refuse new ones), or black-holes them
// (connections stay up, every byte vanishes), as the nemesis sets it.
import * as net from "node:net";
import { splitHostPort, joinHostPort } from "../impl/address.ts";

export type ProxyMode = "pass" | "drop" | "blackhole";

export class TcpProxy {
  private mode: ProxyMode = "pass";
  private readonly pairs = new Set<[net.Socket, net.Socket]>();

  private constructor(private readonly server: net.Server, private readonly target: string) {}

  static async open(target: string): Promise<TcpProxy> {
    let proxy: TcpProxy | null = null;
    const server = net.createServer((s) => proxy!.accept(s));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    proxy = new TcpProxy(server, target);
    return proxy;
  }

  get address(): string {
    const a = this.server.address() as net.AddressInfo;
    return joinHostPort(a.address, a.port);
  }

  set(mode: ProxyMode): void {
    this.mode = mode;
    if (mode === "drop") for (const [a, b] of this.pairs) (a.destroy(), b.destroy());
  }

  async close(): Promise<void> {
    this.set("drop");
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private accept(client: net.Socket): void {
    if (this.mode === "drop") return void client.destroy();
    const { host, port } = splitHostPort(this.target);
    const upstream = net.connect({ host, port });
    const pair: [net.Socket, net.Socket] = [client, upstream];
    this.pairs.add(pair);
    const forward = (from: net.Socket, to: net.Socket) =>
      from.on("data", (b: Buffer) => {
        if (this.mode === "pass" && !to.destroyed) to.write(b);
      });
    forward(client, upstream);
    forward(upstream, client);
    const end = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const s of pair) {
      s.on("error", end);
      s.on("close", end);
    }
  }
}
