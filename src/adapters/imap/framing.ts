/**
 * IMAP command framing (RFC 3501 §2.2, RFC 7888 LITERAL+): bytes in, whole commands out. A command
 * is a line that may carry literals: `{n}` at a line's end announces n bytes that follow after the
 * server's continuation (`+`), `{n+}` announces them without waiting. Literal bytes are kept as
 * they came (a message to APPEND is binary-safe); the parser reads them back from the frame.
 */

/** Frame is one whole command: its bytes, literals inline, the final CRLF removed. */
export type Frame = { ok: true; bytes: Buffer } | { ok: false; error: string; tag: string };

export interface FramerLimits {
  /** The longest line outside literals. */
  maxLine: number;
  /** The largest literal (an APPEND's message). */
  maxLiteral: number;
  /** The largest command, its lines and literals together (a command may carry any number of literals). */
  maxCommand: number;
}

export const DEFAULT_LIMITS: FramerLimits = { maxLine: 64 * 1024, maxLiteral: 64 * 1024 * 1024, maxCommand: 65 * 1024 * 1024 };

/**
 * PRE_AUTH_LIMITS hold before LOGIN: nothing then needs more than an address and a token or
 * password, and a client nobody knows yet must not make the server hold an APPEND's worth of bytes.
 */
export const PRE_AUTH_LIMITS: FramerLimits = { maxLine: 64 * 1024, maxLiteral: 64 * 1024, maxCommand: 128 * 1024 };

const LITERAL_AT_END = /\{(\d{1,10})(\+?)\}$/;

/**
 * Framer accumulates a connection's bytes. `push` returns the commands now complete; `continue`
 * is called when a synchronizing literal is announced, so the server can send `+ …`. A command
 * that breaks a limit is returned as an error frame (the connection stays usable).
 */
export class Framer {
  private buf: Buffer = Buffer.alloc(0);
  /** The current command's parts so far (lines and literals). */
  private parts: Buffer[] = [];
  /** Bytes of literal still expected before the command's line continues. */
  private literalLeft = 0;
  /** The current command's bytes so far, literals included. */
  private size = 0;
  /** Set while skipping the rest of a command that broke a limit. */
  private rejected: string | undefined;

  /** `limits` may change between commands (the session widens them once logged in). */
  constructor(
    private readonly onContinue: () => void,
    public limits: FramerLimits = DEFAULT_LIMITS,
  ) {}

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: Frame[] = [];
    for (;;) {
      if (this.literalLeft > 0) {
        if (this.buf.length === 0) break;
        const take = Math.min(this.literalLeft, this.buf.length);
        if (!this.rejected) this.parts.push(this.buf.subarray(0, take));
        this.buf = this.buf.subarray(take);
        this.literalLeft -= take;
        continue;
      }
      const eol = this.buf.indexOf("\r\n");
      if (eol < 0) {
        if (this.buf.length > this.limits.maxLine) {
          if (!this.rejected) this.reject("line too long", this.buf);
          // Keep only a trailing CR: the line's end may be split across chunks.
          this.buf = this.buf.subarray(this.buf.length - 1);
        }
        break;
      }
      const line = this.buf.subarray(0, eol);
      this.buf = this.buf.subarray(eol + 2);
      const frame = this.line(line);
      if (frame) out.push(frame);
    }
    return out;
  }

  /** line takes one CRLF-ended line of the current command; returns the frame when the command is whole. */
  private line(line: Buffer): Frame | undefined {
    if (!this.rejected && line.length > this.limits.maxLine) this.reject("line too long", line);
    const m = LITERAL_AT_END.exec(line.subarray(Math.max(0, line.length - 16)).toString("latin1"));
    if (!m) return this.finish(line);
    const size = Number(m[1]);
    this.size += line.length + 2 + size;
    if (!this.rejected && size > this.limits.maxLiteral) this.reject(`literal larger than ${this.limits.maxLiteral} bytes`, line);
    if (!this.rejected && this.size > this.limits.maxCommand) this.reject(`command larger than ${this.limits.maxCommand} bytes`, line);
    if (this.rejected) {
      // A non-synchronizing literal's bytes still arrive and are skipped; a synchronizing one never will.
      if (m[2] === "+") this.literalLeft = size;
      else return this.finish(Buffer.alloc(0));
      return undefined;
    }
    this.parts.push(line, Buffer.from("\r\n"));
    this.literalLeft = size;
    if (m[2] !== "+") this.onContinue();
    return undefined;
  }

  private finish(line: Buffer): Frame {
    const bytes = Buffer.concat([...this.parts, line]);
    const rejected = this.rejected;
    const first = this.parts[0] ?? line;
    this.parts = [];
    this.size = 0;
    this.rejected = undefined;
    if (rejected) return { ok: false, error: rejected, tag: tagOf(first) };
    return { ok: true, bytes };
  }

  /** reject skips the rest of the current command; `head` is where its tag can still be read. */
  private reject(why: string, head: Buffer): void {
    this.rejected = why;
    if (this.parts.length === 0) this.parts.push(Buffer.from(head.subarray(0, 64)));
  }
}

/** tagOf reads a command's tag from its first bytes, or `*` when it has none. */
export function tagOf(line: Buffer): string {
  const m = /^([!#$&'+,\-./0-9:;<=>?@A-Z^_`a-z|~]+) /.exec(line.subarray(0, 80).toString("latin1"));
  return m ? m[1]! : "*";
}
