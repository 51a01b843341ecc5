/**
 * POP3 command framing (RFC 1939 §3): bytes in, CRLF-terminated lines out. A line longer than the
 * limit comes out once as an error and the rest of it, up to its CRLF, is skipped, so the tail of
 * an over-long line never runs as a command of its own.
 */

/** Line is one command line without its CRLF (bytes as latin1), or the refusal of one too long. */
export type Line = { ok: true; text: string } | { ok: false; error: string };

/**
 * RFC 2449 §4 limits a command line to 255 octets, but AUTH PLAIN's initial response (an address
 * and a token or password, in base64) may be longer; this much is plenty for both.
 */
export const MAX_LINE = 4096;

/** LineReader accumulates a connection's bytes; `push` answers the lines now complete. */
export class LineReader {
  private buf = "";
  /** Set while skipping the rest of a line that broke the limit. */
  private skipping = false;

  constructor(private readonly maxLine = MAX_LINE) {}

  push(chunk: Buffer): Line[] {
    this.buf += chunk.toString("latin1");
    const out: Line[] = [];
    for (let eol = this.buf.indexOf("\r\n"); eol >= 0; eol = this.buf.indexOf("\r\n")) {
      const text = this.buf.slice(0, eol);
      this.buf = this.buf.slice(eol + 2);
      if (this.skipping) this.skipping = false;
      else out.push(text.length > this.maxLine ? tooLong(this.maxLine) : { ok: true, text });
    }
    if (this.buf.length > this.maxLine) {
      if (!this.skipping) out.push(tooLong(this.maxLine));
      this.skipping = true;
      // Keep only a trailing CR: the line's CRLF may be split across chunks.
      this.buf = this.buf.endsWith("\r") ? "\r" : "";
    }
    return out;
  }
}

const tooLong = (max: number): Line => ({ ok: false, error: `line too long (at most ${max} octets)` });
