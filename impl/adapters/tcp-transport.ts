// TCP transport on node:net. Frames are authenticated and parsed by the codec. A connection
// carries frames both ways: a node answers on the connection a request came in on (so clients
// need no listening port), and dials a peer's configured address otherwise.
// Whatever a connection sends, it costs the node bounded resources: a frame that is not
// authentic, not of this cluster's membership, malformed or too large closes the connection
// before it reaches the node; connections are capped, and so are connections that have not
// yet sent one authentic frame (the oldest is evicted); a frame must arrive whole within a
// time limit (slow senders are cut off); a reader that does not drain its replies is cut off;
// and a connection whose frames are still being handled is paused (TCP pushes back).
import * as net from "node:net";
import type { NodeId } from "../../protocol/messages.ts";
import { FrameDecoder, MAX_FRAME_BYTES, encodeFrame, type FrameErrorKind, type PaxosFrame, type WireBody } from "../codec.ts";
import { joinHostPort, splitHostPort } from "../address.ts";
import type { ClusterConfig } from "../config.ts";
import { Counters, type CounterName } from "../counters.ts";
import { FrameAuth } from "../frame-auth.ts";
import type { Transport } from "../ports/transport.ts";

export type TcpLimits = {
  readonly maxFrameBytes: number;
  readonly connectTimeoutMs: number;
  readonly idleTimeoutMs: number;
  /** Inbound connections at once; more are closed at once. */
  readonly maxConnections: number;
  /** Inbound connections that have not yet sent an authentic frame; beyond it the oldest is closed. */
  readonly maxUnauthenticated: number;
  /** A frame (and a new connection's first frame) must arrive whole within this. */
  readonly frameTimeoutMs: number;
  /** Bytes waiting to be sent on one connection; beyond it the reader is too slow and is cut off. */
  readonly maxOutboundBytes: number;
  /** Frames of one connection being handled at once; beyond it the connection is paused. */
  readonly maxInflight: number;
  /** Frames queued per peer while (re)connecting; beyond it frames are dropped (Paxos retries). */
  readonly maxQueue: number;
};

export const defaultTcpLimits: TcpLimits = {
  maxFrameBytes: MAX_FRAME_BYTES,
  connectTimeoutMs: 2000,
  idleTimeoutMs: 60_000,
  maxConnections: 1024,
  maxUnauthenticated: 64,
  frameTimeoutMs: 5000,
  maxOutboundBytes: 4 * 1024 * 1024,
  maxInflight: 256,
  maxQueue: 1000,
};

export type TcpOptions = {
  readonly self: NodeId;
  /** The cluster: its key authenticates frames, its membership is checked on every frame. */
  readonly cluster: ClusterConfig;
  /** Listen here (HOST:PORT; port 0 picks a free one). Omit for a client that only dials. */
  readonly listen?: string;
  /** Where to dial each peer (default: the addresses of the cluster's members). */
  readonly peers?: ReadonlyMap<NodeId, string>;
  readonly limits?: Partial<TcpLimits>;
  readonly counters?: Counters;
  readonly log?: (line: string) => void;
  /** Jitter for reconnect backoff (default Math.random: this is the edge of the system). */
  readonly random?: () => number;
};

/** A frame other than a Paxos message, and how to answer on the connection it came on. */
export type ControlHandler = (body: Exclude<WireBody, PaxosFrame>, reply: (b: WireBody) => void) => void | Promise<void>;

type Peer = { socket: net.Socket | null; queue: Buffer[]; failures: number; redial: NodeJS.Timeout | null };
type Conn = { readonly socket: net.Socket; readonly decoder: FrameDecoder; authenticated: boolean; inflight: number; paused: boolean; frameTimer: NodeJS.Timeout | null; heard: boolean };

export class TcpTransport implements Transport {
  readonly counters: Counters;
  private handler: (f: PaxosFrame) => void | Promise<void> = () => {};
  private control: ControlHandler = () => {};
  private server: net.Server | null = null;
  private readonly peers = new Map<NodeId, Peer>();
  private readonly conns = new Map<net.Socket, Conn>();
  /** Inbound connections without an authentic frame yet, oldest first. */
  private readonly unauthenticated = new Set<net.Socket>();
  private readonly auth: FrameAuth;
  private readonly limits: TcpLimits;
  private readonly dialTo: ReadonlyMap<NodeId, string>;
  /** What last went wrong with each dialled peer, for an operator's error message. */
  private readonly trouble = new Map<NodeId, string>();
  private closed = false;

  private constructor(private readonly o: TcpOptions) {
    this.auth = new FrameAuth(o.cluster);
    this.limits = { ...defaultTcpLimits, ...o.limits };
    this.counters = o.counters ?? new Counters();
    this.dialTo = o.peers ?? new Map(o.cluster.acceptors.filter((a) => a.id !== o.self).map((a) => [a.id, a.address]));
  }

  static async open(o: TcpOptions): Promise<TcpTransport> {
    const t = new TcpTransport(o);
    if (o.listen) await t.listen(o.listen);
    return t;
  }

  /** The bound address (with the real port when listening on port 0). */
  address(): string | null {
    const a = this.server?.address();
    return a && typeof a === "object" ? joinHostPort(a.address, a.port) : null;
  }

  onFrame(h: (f: PaxosFrame) => void | Promise<void>): void {
    this.handler = h;
  }

  onControl(h: ControlHandler): void {
    this.control = h;
  }

  send(to: NodeId, frame: PaxosFrame): void {
    this.sendBody(to, frame);
  }

  /** Send any frame to `to`: on its connection if there is one, else dialled (peers only). */
  sendBody(to: NodeId, body: WireBody): void {
    if (this.closed) return;
    if (to === this.o.self) return this.toSelf(body);
    const peer = this.peer(to);
    const bytes = encodeFrame(body, this.auth);
    if (peer.socket && !peer.socket.connecting && !peer.socket.destroyed) return this.write(peer.socket, bytes);
    if (peer.queue.length < this.limits.maxQueue) peer.queue.push(bytes);
    if (!peer.socket && !peer.redial) this.dial(to, peer);
  }

  /** What went wrong with each peer that has not answered since, one line each. */
  hints(): string[] {
    return [...this.trouble].map(([id, t]) => `${id} (${this.dialTo.get(id) ?? "?"}): ${t}`);
  }

  /** Connections open right now (inbound and dialled). */
  get connections(): number {
    return this.conns.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.peers.values()) if (p.redial) clearTimeout(p.redial);
    for (const s of this.conns.keys()) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private listen(addr: string): Promise<void> {
    const { host, port } = splitHostPort(addr);
    this.server = net.createServer((s) => this.admit(s));
    return new Promise((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, host, () => {
        this.server!.removeListener("error", reject);
        this.server!.on("error", (e) => this.o.log?.(`listener error: ${e.message}`));
        resolve();
      });
    });
  }

  /** A new inbound connection, within the caps. */
  private admit(s: net.Socket): void {
    if (this.conns.size >= this.limits.maxConnections) {
      this.counters.inc("connections-refused");
      s.destroy();
      return;
    }
    if (this.unauthenticated.size >= this.limits.maxUnauthenticated) {
      const oldest = this.unauthenticated.values().next().value!;
      this.counters.inc("connections-evicted");
      this.unauthenticated.delete(oldest);
      oldest.destroy();
    }
    this.counters.inc("connections-accepted");
    this.unauthenticated.add(s);
    this.attach(s, null);
    this.armFrameTimer(this.conns.get(s)!); // the first frame is due within the frame time limit
  }

  private peer(id: NodeId): Peer {
    let p = this.peers.get(id);
    if (!p) this.peers.set(id, (p = { socket: null, queue: [], failures: 0, redial: null }));
    return p;
  }

  private dial(to: NodeId, peer: Peer): void {
    const addr = this.dialTo.get(to);
    if (!addr) {
      peer.queue = []; // a client we only know by its inbound connection, now gone
      return;
    }
    const { host, port } = splitHostPort(addr);
    const s = net.connect({ host, port });
    peer.socket = s;
    s.setTimeout(this.limits.connectTimeoutMs);
    s.once("connect", () => {
      this.trouble.delete(to);
      peer.failures = 0;
      s.setTimeout(this.limits.idleTimeoutMs);
      for (const b of peer.queue.splice(0)) this.write(s, b);
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
    const conn: Conn = { socket: s, decoder: new FrameDecoder(this.auth, this.limits.maxFrameBytes), authenticated: dialed !== null, inflight: 0, paused: false, frameTimer: null, heard: false };
    this.conns.set(s, conn);
    s.setNoDelay(true); // small request/response frames: Nagle would add delayed-ACK stalls
    if (!dialed) s.setTimeout(this.limits.idleTimeoutMs);
    s.on("data", (chunk: Buffer) => this.onData(conn, chunk));
    s.on("timeout", () => {
      this.o.log?.(`closing connection ${who(s)}: ${s.connecting ? "connect" : "idle"} timeout`);
      if (!s.connecting) this.counters.inc("idle-closed");
      s.destroy();
    });
    s.on("end", () => {
      if (conn.decoder.pending() > 0) this.o.log?.(`connection from ${who(s)} ended mid-frame (${conn.decoder.pending()} bytes dropped)`);
    });
    s.on("error", (e: NodeJS.ErrnoException) => {
      if (dialed) this.trouble.set(dialed, e.code === "ECONNREFUSED" ? "connection refused (is the node up?)" : `${e.code ?? e.message}`);
    });
    s.on("close", () => {
      if (dialed && !conn.heard && !s.connecting && !this.trouble.has(dialed)) {
        this.trouble.set(dialed, "closed the connection without answering (is this client's cluster key the cluster's?)");
      }
      this.conns.delete(s);
      this.unauthenticated.delete(s);
      if (conn.frameTimer) clearTimeout(conn.frameTimer);
      for (const [id, p] of this.peers) {
        if (p.socket !== s) continue;
        p.socket = null;
        if (id === dialed) this.scheduleRedial(id, p);
      }
    });
  }

  private onData(conn: Conn, chunk: Buffer): void {
    const { frames, error } = conn.decoder.push(chunk);
    for (const f of frames) {
      if (conn.socket.destroyed) return;
      this.counters.inc("frames-in");
      conn.heard = true;
      if (!f.view.equals(this.auth.view) && !(f.body.type === "refused" && f.body.reason === "membership")) {
        this.refuseMembership(conn, f.body);
        return;
      }
      if (!conn.authenticated) {
        conn.authenticated = true;
        this.unauthenticated.delete(conn.socket);
      }
      this.deliver(conn, f.body);
    }
    if (error) {
      this.counters.inc(errorCounter[error.kind]);
      this.o.log?.(`closing connection from ${who(conn.socket)}: ${error.message}`);
      conn.socket.destroy();
      return;
    }
    if (conn.decoder.pending() > 0) {
      if (!conn.frameTimer) this.armFrameTimer(conn);
    } else if (conn.frameTimer) {
      clearTimeout(conn.frameTimer);
      conn.frameTimer = null;
    }
  }

  private armFrameTimer(conn: Conn): void {
    conn.frameTimer = setTimeout(() => {
      this.counters.inc("slow-frames-cut");
      this.o.log?.(`closing connection from ${who(conn.socket)}: no whole frame within ${this.limits.frameTimeoutMs} ms`);
      conn.socket.destroy();
    }, this.limits.frameTimeoutMs);
    conn.frameTimer.unref();
  }

  /** An authentic frame of a member with another view of the membership: say so, then close. */
  private refuseMembership(conn: Conn, body: WireBody): void {
    this.counters.inc("refused-membership");
    const members = this.o.cluster.acceptors.map((a) => a.id).join(", ");
    this.o.log?.(`closing connection from ${who(conn.socket)}: its frames carry another membership of cluster ${this.o.cluster.cluster}`);
    const id = body.type === "request" || body.type === "stats" ? { id: body.id } : {};
    const refusal: WireBody = {
      type: "refused",
      from: this.o.self,
      ...id,
      reason: "membership",
      detail: `this client's view of the cluster differs from the cluster's: node ${this.o.self} of cluster ${this.o.cluster.cluster} has the members ${members} (use the cluster's own cluster file)`,
    };
    conn.socket.end(encodeFrame(refusal, this.auth));
    conn.socket.destroySoon();
  }

  /** Hand a frame on; while too many of a connection's frames are being handled, stop reading it. */
  private deliver(conn: Conn, body: WireBody): void {
    let done: void | Promise<void>;
    if (body.type === "paxos") {
      this.trouble.delete(body.msg.from);
      this.remember(body.msg.from, conn.socket);
      done = this.handler(body);
    } else {
      done = this.control(body, (b) => this.write(conn.socket, encodeFrame(b, this.auth)));
    }
    if (!(done instanceof Promise)) return;
    conn.inflight++;
    if (conn.inflight >= this.limits.maxInflight && !conn.paused) {
      conn.paused = true;
      conn.socket.pause();
    }
    void done.finally(() => {
      conn.inflight--;
      if (conn.paused && conn.inflight <= this.limits.maxInflight / 2) {
        conn.paused = false;
        conn.socket.resume();
      }
    });
  }

  /** A node that is both proposer and acceptor sends to itself without a socket. */
  private toSelf(body: WireBody): void {
    queueMicrotask(() => {
      if (this.closed) return;
      if (body.type === "paxos") void this.handler(body);
      else void this.control(body, (b) => this.sendBody(this.o.self, b));
    });
  }

  /** The connection a frame came on is the way back to its sender. */
  private remember(from: NodeId, s: net.Socket): void {
    const p = this.peer(from);
    if (!p.socket || p.socket.destroyed) {
      p.socket = s;
      for (const b of p.queue.splice(0)) this.write(s, b);
    }
  }

  private write(s: net.Socket, bytes: Buffer): void {
    if (s.writableLength + bytes.length > this.limits.maxOutboundBytes) {
      this.counters.inc("slow-readers-cut");
      this.o.log?.(`closing connection ${who(s)}: more than ${this.limits.maxOutboundBytes} bytes wait to be read`);
      s.destroy();
      return;
    }
    this.counters.inc("frames-out");
    s.write(bytes);
  }
}

const errorCounter: Record<FrameErrorKind, CounterName> = {
  "bad-magic": "refused-bad-magic",
  oversize: "refused-oversize",
  unauthenticated: "refused-unauthenticated",
  malformed: "refused-malformed",
};

function who(s: net.Socket): string {
  return `${s.remoteAddress ?? "?"}:${s.remotePort ?? "?"}`;
}
