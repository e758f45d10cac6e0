// The wire format of impl/: one codec, parsed once at the boundary. A frame on TCP is
//
//   "SYN2"   u32 payload length   8-byte membership digest   payload (UTF-8 JSON)   HMAC-SHA256
//
// where the HMAC (frame-auth.ts) covers everything before it. The decoder checks the magic
// and the length before buffering, the HMAC before it parses anything, and the payload with
// zod: a Paxos message for one key (protocol/messages.ts), or one of the client and control
// frames below. Frames of other clusters or other memberships are told apart by the digest.
import { z } from "zod";
import { Message, NodeId, Value } from "../protocol/messages.ts";
import { MAC_BYTES, type FrameAuth } from "./frame-auth.ts";

export const Key = z.string().min(1, "a key is a non-empty string").max(256, "a key is at most 256 characters");
export type Key = z.infer<typeof Key>;

export const PaxosFrame = z.strictObject({ type: z.literal("paxos"), key: Key, msg: Message });
export type PaxosFrame = z.infer<typeof PaxosFrame>;

const RequestId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A client asks a node to run the proposer of a key for it (the key's preferred proposer). */
export const RequestFrame = z.strictObject({
  type: z.literal("request"),
  id: RequestId,
  key: Key,
  /** null: a read. */
  value: Value.nullable(),
  deadlineMs: z.number().int().min(1).max(600_000),
});
export const ReplyFrame = z.strictObject({ type: z.literal("reply"), id: RequestId, key: Key, value: Value.nullable() });
export const RefusalReason = z.enum(["membership", "not-a-member", "ballot-out-of-reach", "key-limit", "overloaded", "unavailable"]);
export type RefusalReason = z.infer<typeof RefusalReason>;
/** A node says why it will not act on a frame (an answer to a request, or to a Paxos frame on `key`). */
export const RefusedFrame = z.strictObject({
  type: z.literal("refused"),
  from: NodeId,
  id: RequestId.optional(),
  key: Key.optional(),
  reason: RefusalReason,
  detail: z.string().max(1000),
});
export const StatsFrame = z.strictObject({ type: z.literal("stats"), id: RequestId });
export const StatsReplyFrame = z.strictObject({ type: z.literal("stats-reply"), id: RequestId, from: NodeId, stats: z.record(z.string(), z.number()) });

export const WireBody = z.discriminatedUnion("type", [PaxosFrame, RequestFrame, ReplyFrame, RefusedFrame, StatsFrame, StatsReplyFrame]);
export type WireBody = z.infer<typeof WireBody>;
export type RequestFrame = z.infer<typeof RequestFrame>;
export type ReplyFrame = z.infer<typeof ReplyFrame>;
export type RefusedFrame = z.infer<typeof RefusedFrame>;

/** Frames above this size are refused before they are buffered. */
export const MAX_FRAME_BYTES = 64 * 1024;
const MAGIC = 0x53594e32;
export const FRAME_HEADER_BYTES = 16;

export function encodeFrame(body: WireBody, auth: FrameAuth): Buffer {
  const payload = Buffer.from(JSON.stringify(body), "utf8");
  const head = Buffer.alloc(FRAME_HEADER_BYTES);
  head.writeUInt32BE(MAGIC, 0);
  head.writeUInt32BE(payload.length, 4);
  auth.view.copy(head, 8);
  const signed = Buffer.concat([head, payload]);
  return Buffer.concat([signed, auth.mac(signed)]);
}

/** A readable one-line reason naming the bad field, for logs and errors. */
export function describeIssues(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.length ? i.path.join(".") : "frame"}: ${i.message}`).join("; ");
}

/** Why a stream was cut: each kind has its own counter (docs/security.md). */
export type FrameErrorKind = "bad-magic" | "oversize" | "unauthenticated" | "malformed";
export type FrameError = { readonly kind: FrameErrorKind; readonly message: string };
/** An authenticated frame: the membership digest it carries, and its body. */
export type InFrame = { readonly view: Buffer; readonly body: WireBody };
export type DecodeResult = { readonly frames: InFrame[]; readonly error: FrameError | null };

/**
 * Splits a byte stream into authenticated frames. After the first error it yields nothing
 * more: the caller closes the connection, since the stream can no longer be trusted.
 */
export class FrameDecoder {
  private buf: Buffer = Buffer.alloc(0);
  private failed = false;
  constructor(private readonly auth: FrameAuth, private readonly maxBytes = MAX_FRAME_BYTES) {}

  push(chunk: Buffer): DecodeResult {
    if (this.failed) return { frames: [], error: { kind: "malformed", message: "stream already failed" } };
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const frames: InFrame[] = [];
    while (this.buf.length >= 4) {
      if (this.buf.readUInt32BE(0) !== MAGIC) return this.fail(frames, "bad-magic", "not a synod frame (bad magic): a client of another protocol or version");
      if (this.buf.length < FRAME_HEADER_BYTES) break;
      const len = this.buf.readUInt32BE(4);
      if (len > this.maxBytes) return this.fail(frames, "oversize", `frame of ${len} bytes exceeds the ${this.maxBytes}-byte limit`);
      const total = FRAME_HEADER_BYTES + len + MAC_BYTES;
      if (this.buf.length < total) break;
      const signed = this.buf.subarray(0, FRAME_HEADER_BYTES + len);
      const mac = this.buf.subarray(FRAME_HEADER_BYTES + len, total);
      const view = Buffer.from(this.buf.subarray(8, 16));
      this.buf = this.buf.subarray(total);
      if (!this.auth.verify(signed, mac)) return this.fail(frames, "unauthenticated", "frame refused: its HMAC does not match the cluster key");
      const parsed = parseBody(signed.subarray(FRAME_HEADER_BYTES));
      if (typeof parsed === "string") return this.fail(frames, "malformed", parsed);
      frames.push({ view, body: parsed });
    }
    return { frames, error: null };
  }

  /** Bytes of an incomplete frame still waiting for the rest (a truncated frame at close). */
  pending(): number {
    return this.buf.length;
  }

  private fail(frames: InFrame[], kind: FrameErrorKind, message: string): DecodeResult {
    this.failed = true;
    this.buf = Buffer.alloc(0);
    return { frames, error: { kind, message } };
  }
}

function parseBody(body: Buffer): WireBody | string {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return "frame is not valid JSON";
  }
  const r = WireBody.safeParse(json);
  return r.success ? r.data : `bad frame: ${describeIssues(r.error)}`;
}
