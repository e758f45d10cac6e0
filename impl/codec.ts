// The wire format of impl/: one codec, parsed once at the boundary. A frame on TCP is a
// 4-byte big-endian length followed by that many bytes of UTF-8 JSON, which must parse as a
// PaxosFrame: a Paxos message (model/messages.ts) for one key (one register).
import { z } from "zod";
import { Message } from "../protocol/messages.ts";

export const Key = z.string().min(1, "a key is a non-empty string").max(256, "a key is at most 256 characters");
export type Key = z.infer<typeof Key>;

export const PaxosFrame = z.strictObject({ type: z.literal("paxos"), key: Key, msg: Message });
export type PaxosFrame = z.infer<typeof PaxosFrame>;

/** Frames above this size are refused before they are buffered. */
export const MAX_FRAME_BYTES = 64 * 1024;

export function encodeFrame(frame: PaxosFrame): Buffer {
  const body = Buffer.from(JSON.stringify(frame), "utf8");
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length, 0);
  return Buffer.concat([head, body]);
}

/** A readable one-line reason naming the bad field, for logs and errors. */
export function describeIssues(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.length ? i.path.join(".") : "frame"}: ${i.message}`).join("; ");
}

export type DecodeResult = { readonly frames: PaxosFrame[]; readonly error: string | null };

/**
 * Splits a byte stream into frames. After the first error it yields nothing more: the caller
 * closes the connection, since the stream can no longer be trusted to be aligned.
 */
export class FrameDecoder {
  private buf: Buffer = Buffer.alloc(0);
  private failed = false;
  constructor(private readonly maxBytes = MAX_FRAME_BYTES) {}

  push(chunk: Buffer): DecodeResult {
    if (this.failed) return { frames: [], error: "stream already failed" };
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const frames: PaxosFrame[] = [];
    while (this.buf.length >= 4) {
      const len = this.buf.readUInt32BE(0);
      if (len > this.maxBytes) return this.fail(frames, `frame of ${len} bytes exceeds the ${this.maxBytes}-byte limit`);
      if (this.buf.length < 4 + len) break;
      const body = this.buf.subarray(4, 4 + len);
      this.buf = this.buf.subarray(4 + len);
      const parsed = parseBody(body);
      if (typeof parsed === "string") return this.fail(frames, parsed);
      frames.push(parsed);
    }
    return { frames, error: null };
  }

  /** Bytes of an incomplete frame still waiting for the rest (a truncated frame at close). */
  pending(): number {
    return this.buf.length;
  }

  private fail(frames: PaxosFrame[], error: string): DecodeResult {
    this.failed = true;
    this.buf = Buffer.alloc(0);
    return { frames, error };
  }
}

function parseBody(body: Buffer): PaxosFrame | string {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return "frame is not valid JSON";
  }
  const r = PaxosFrame.safeParse(json);
  return r.success ? r.data : `bad frame: ${describeIssues(r.error)}`;
}
