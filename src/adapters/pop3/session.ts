import type { Socket } from "node:net";
import { TLSSocket, type SecureContext } from "node:tls";
import type { ActingUser } from "../../domain/acting-user.js";
import type { Folder } from "../../domain/folders.js";
import { AppError } from "../../errors.js";
import type { Logger } from "../../lib/log.js";
import type { FolderEntry, MailClientService } from "../../services/mail-client.js";
import { LineReader, type Line } from "./lines.js";

/** Pop3Error is a command's refusal: `-ERR`, with an RFC 2449/3206 response code when one fits. */
export class Pop3Error extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** State is RFC 1939's: AUTHORIZATION, TRANSACTION, and UPDATE (after QUIT). */
export type State = "authorization" | "transaction" | "update";

/** Maildrop is my Inbox as the session locked it at login: numbered messages and those marked deleted. */
export interface Maildrop {
  folder: Folder;
  entries: FolderEntry[];
  deleted: Set<number>;
}

/**
 * A Handler runs one command with its arguments (`rest`: the line after the keyword, as sent) and
 * answers the `+OK` line's text (more lines it writes itself).
 */
export type Handler = (s: Pop3Session, args: string[], rest: string) => Promise<string>;
/** Table names each command's handler, the states it may run in and how many arguments it takes at most. */
export type Table = Record<string, { states: State[]; max: number; run: Handler }>;

/** SILENT is what a handler answers when it wrote its own `+OK` line (a multi-line response). */
export const SILENT = "\u0000";

/**
 * Pop3Session is one POP3 connection (RFC 1939): its state, its user and their locked Inbox. It
 * reads CRLF lines, runs them one at a time in order, and renders every refusal once.
 */
export class Pop3Session {
  state: State = "authorization";
  user: ActingUser | undefined;
  /** The address given with USER, waiting for PASS. */
  pendingUser: string | undefined;
  maildrop: Maildrop | undefined;
  secure: boolean;
  afterReply: (() => void) | undefined;
  private continuation: ((line: Line) => void) | undefined;
  private reader = new LineReader();
  private queue = Promise.resolve();
  private readonly onData = (chunk: Buffer) => this.receive(chunk);

  constructor(
    public socket: Socket,
    readonly door: { services: { mailClient: MailClientService }; log: Logger; table: Table; tls: SecureContext },
    secure: boolean,
  ) {
    this.secure = secure;
    socket.on("data", this.onData);
  }

  get services() {
    return this.door.services;
  }

  write(line: string | Buffer): void {
    if (!this.socket.writable) return;
    this.socket.write(typeof line === "string" ? `${line}\r\n` : line);
  }

  /** ask sends a continuation (`+ prompt`) and resolves with the client's next line (AUTH); one too long fails the command. */
  ask(prompt: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.continuation = (line) => (line.ok ? resolve(line.text) : reject(new Pop3Error(line.error)));
      this.write(`+ ${prompt}`);
    });
  }

  /** startTls turns the connection into TLS (RFC 2595 STLS) once the `+OK` is written. */
  startTls(): void {
    const plain = this.socket;
    plain.off("data", this.onData);
    // A fresh reader and no USER carried over: nothing sent in the clear counts once encrypted (RFC 2595 §4).
    this.reader = new LineReader();
    this.pendingUser = undefined;
    const secured = new TLSSocket(plain, { isServer: true, secureContext: this.door.tls });
    secured.on("error", () => plain.destroy());
    secured.on("data", this.onData);
    this.socket = secured;
    this.secure = true;
  }

  private receive(chunk: Buffer): void {
    for (const line of this.reader.push(chunk)) {
      if (this.continuation) {
        const answer = this.continuation;
        this.continuation = undefined;
        answer(line);
        continue;
      }
      const from = this.socket;
      this.queue = this.queue.then(() => {
        // A command pipelined behind STLS arrived in the clear: it is dropped, never run encrypted.
        if (this.socket !== from) return;
        return line.ok ? this.run(line.text) : this.write(`-ERR ${line.error}`);
      });
    }
  }

  private async run(line: string): Promise<void> {
    const space = line.indexOf(" ");
    const name = (space < 0 ? line : line.slice(0, space)).toUpperCase();
    const rest = space < 0 ? "" : line.slice(space + 1);
    const args = rest.split(" ").filter((w) => w !== "");
    try {
      const entry = this.door.table[name];
      if (!entry) throw new Pop3Error(`unknown command ${printable(name) || "(empty line)"}`);
      if (!entry.states.includes(this.state)) throw new Pop3Error(`${name} is not allowed ${STATE_WORDS[this.state]}`);
      if (args.length > entry.max)
        throw new Pop3Error(`${name} takes ${entry.max ? `at most ${entry.max} argument${entry.max > 1 ? "s" : ""}` : "no arguments"}`);
      // A disabled account or a revoked token stops here; nothing marked for deletion is applied.
      if (this.user && !(await this.services.mailClient.stillValid(this.user))) {
        this.write("-ERR [AUTH] this account was disabled or its token revoked");
        this.socket.end();
        return;
      }
      const text = await entry.run(this, args, rest);
      if (text !== SILENT) this.write(text ? `+OK ${text}` : "+OK");
      const after = this.afterReply;
      this.afterReply = undefined;
      after?.();
      if (this.state === "update") this.socket.end();
    } catch (err) {
      this.write(`-ERR ${render(err, this.door.log)}`);
      if (this.state === "update") this.socket.end();
    }
  }
}

const STATE_WORDS: Record<State, string> = {
  authorization: "before logging in",
  transaction: "after logging in",
  update: "after QUIT",
};

/** printable is at most 20 characters of what a client sent, with control characters shown as `?`. */
const printable = (text: string) => text.slice(0, 20).replace(/[^\x20-\x7e]/g, "?");

/** render turns any error into the `-ERR` line's text, once. */
function render(err: unknown, log: Logger): string {
  if (err instanceof Pop3Error) return `${err.code ? `[${err.code}] ` : ""}${err.message}`;
  if (err instanceof AppError) {
    if (err.code === "UNAUTHORIZED") return "[AUTH] invalid address or token";
    if (err.code === "RATE_LIMITED") return `[SYS/TEMP] ${err.message}`;
    if (err.status < 500) return err.message;
  }
  log.warn("pop3 command failed", { error: (err as Error).message });
  return "[SYS/TEMP] Sandpit could not do that now; try again";
}
