// TCP transport on node:net. Frames are length-prefixed JSON parsed by the codec. A
// connection carries frames both ways: a node answers on the connection a request came in
// on (so clients need no listening port), and dials a peer's configured address otherwise.
// A bad frame (not JSON, wrong shape, over the size limit) closes that connection with a
// logged reason; it never reaches the node, so it cannot change acceptor state.
import * as net from "node:net";
import type { NodeId } from "../../protocol/messages.ts";
import { FrameDecoder, MAX_FRAME_BYTES, encodeFrame, type PaxosFrame } from "../codec.ts";
import { splitHostPort } from "../config.ts";
import type { Transport } from "../ports/transport.ts";

export type TcpOptions = {
  readonly self: NodeId;
  /** Listen here (HOST:PORT; port 0 picks a free one). Omit for a client that only dials. */
  readonly listen?: string;
  /** Where to dial each peer. */
  readonly peers: ReadonlyMap<NodeId, string>;
  readonly maxFrameBytes?: number;
  readonly connectTimeoutMs?: number;
  readonly idleTimeoutMs?: number;
  /** Frames queued per peer while (re)connecting; beyond it frames are dropped (Paxos retries). */
  readonly maxQueue?: number;
  readonly log?: (line: string) => void;
  /** Jitter for reconnect backoff (default Math.random: this is the edge of the system). */
  readonly random?: () => number;
};

type Peer = { socket: net.Socket | null; queue: Buffer[]; failures: number; redial: NodeJS.Timeout | null };

export class TcpTransport implements Transport {
  private handler: (f: PaxosFrame) => void = () => {};
  private server: net.Server | null = null;
  private readonly peers = new Map<NodeId, Peer>();
  private readonly sockets = new Set<net.Socket>();
  private closed = false;

  private constructor(private readonly o: TcpOptions) {}

  static async open(o: TcpOptions): Promise<TcpTransport> {
    const t = new TcpTransport(o);
    if (o.listen) await t.listen(o.listen);
    return t;
  }

  /** The bound address (with the real port when listening on port 0). */
  address(): string | null {
    const a = this.server?.address();
    return a && typeof a === "object" ? `${a.address}:${a.port}` : null;
  }

  onFrame(h: (f: PaxosFrame) => void): void {
    this.handler = h;
  }

  send(to: NodeId, frame: PaxosFrame): void {
    if (this.closed) return;
    const peer = this.peer(to);
    const bytes = encodeFrame(frame);
    if (peer.socket && !peer.socket.connecting && !peer.socket.destroyed) {
      peer.socket.write(bytes);
      return;
    }
    if (peer.queue.length < (this.o.maxQueue ?? 1000)) peer.queue.push(bytes);
    if (!peer.socket && !peer.redial) this.dial(to, peer);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.peers.values()) if (p.redial) clearTimeout(p.redial);
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private listen(addr: string): Promise<void> {
    const { host, port } = splitHostPort(addr);
    this.server = net.createServer((s) => this.attach(s, null));
    return new Promise((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, host, () => resolve());
    });
  }

  private peer(id: NodeId): Peer {
    let p = this.peers.get(id);
    if (!p) this.peers.set(id, (p = { socket: null, queue: [], failures: 0, redial: null }));
    return p;
  }

  private dial(to: NodeId, peer: Peer): void {
    const addr = this.o.peers.get(to);
    if (!addr) {
      peer.queue = []; // a client we only know by its inbound connection, now gone
      return;
    }
    const { host, port } = splitHostPort(addr);
    const s = net.connect({ host, port });
    peer.socket = s;
    s.setTimeout(this.o.connectTimeoutMs ?? 2000);
    s.once("connect", () => {
      peer.failures = 0;
      s.setTimeout(this.o.idleTimeoutMs ?? 60_000);
      for (const b of peer.queue.splice(0)) s.write(b);
    });
    this.attach(s, to);
  }

  /** Reconnect with randomized exponential backoff while frames wait. */
  private scheduleRedial(to: NodeId, peer: Peer): void {
    if (this.closed || peer.queue.length === 0 || peer.redial) return;
    peer.failures++;
    const ms = Math.min(2000, 25 * 2 ** peer.failures) * (0.5 + (this.o.random ?? Math.random)());
    peer.redial = setTimeout(() => {
      peer.redial = null;
      if (!peer.socket) this.dial(to, peer);
    }, ms);
    peer.redial.unref();
  }

  private attach(s: net.Socket, dialed: NodeId | null): void {
    this.sockets.add(s);
    s.setNoDelay(true); // small request/response frames: Nagle would add delayed-ACK stalls
    if (!dialed) s.setTimeout(this.o.idleTimeoutMs ?? 60_000);
    const decoder = new FrameDecoder(this.o.maxFrameBytes ?? MAX_FRAME_BYTES);
    const who = () => `${s.remoteAddress ?? "?"}:${s.remotePort ?? "?"}`;
    s.on("data", (chunk: Buffer) => {
      const { frames, error } = decoder.push(chunk);
      for (const f of frames) this.accept(f, s);
      if (error) {
        this.o.log?.(`closing connection from ${who()}: ${error}`);
        s.destroy();
      }
    });
    s.on("timeout", () => {
      this.o.log?.(`closing connection ${who()}: ${s.connecting ? "connect" : "idle"} timeout`);
      s.destroy();
    });
    s.on("end", () => {
      if (decoder.pending() > 0) this.o.log?.(`connection from ${who()} ended mid-frame (${decoder.pending()} bytes dropped)`);
    });
    s.on("error", () => {});
    s.on("close", () => {
      this.sockets.delete(s);
      for (const [id, p] of this.peers) {
        if (p.socket !== s) continue;
        p.socket = null;
        if (id === dialed) this.scheduleRedial(id, p);
      }
    });
  }

  /** A valid frame: remember the connection as the way back to its sender, then hand it on. */
  private accept(f: PaxosFrame, s: net.Socket): void {
    const p = this.peer(f.msg.from);
    if (!p.socket || p.socket.destroyed) {
      p.socket = s;
      for (const b of p.queue.splice(0)) s.write(b);
    }
    this.handler(f);
  }
}
