import type { Socket } from "node:net";
import { TLSSocket, type SecureContext } from "node:tls";
import type { ActingUser } from "../../domain/acting-user.js";
import { AppError } from "../../errors.js";
import type { Logger } from "../../lib/log.js";
import type { MailClientService } from "../../services/mail-client.js";
import { DEFAULT_LIMITS, Framer, PRE_AUTH_LIMITS, type Frame } from "./framing.js";
import { parseCommand, ParseError, type Command } from "./parse.js";
import type { Selected } from "./selected.js";
import { announce, HOLDS_EXPUNGES } from "./updates.js";

/** ImapError is a command's refusal in IMAP's words: `NO` (or `BAD`) with an optional response code. */
export class ImapError extends Error {
  constructor(
    readonly status: "NO" | "BAD",
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export type State = "none" | "auth" | "selected" | "logout";

/** A Handler runs one command: it writes untagged responses and returns the tagged OK's text. */
export type Handler = (s: Session, cmd: Command) => Promise<string>;
export type Table = Record<string, { states: State[]; run: Handler }>;

/**
 * Session is one IMAP connection: its state (RFC 3501 §3), its user and its selected folder. It
 * frames and parses commands, runs them one at a time in order, and renders every refusal once.
 */
export class Session {
  state: State = "none";
  user: ActingUser | undefined;
  selected: Selected | undefined;
  /** Whether the connection is encrypted (the implicit-TLS port, or after STARTTLS). */
  secure: boolean;
  /** Runs once the current command's tagged reply is written (STARTTLS starts its handshake then). */
  afterReply: (() => void) | undefined;
  /** Whether my mailbox may have changed since the selected folder was last read (updates.ts). */
  dirty = false;
  /** Called when my mailbox changes through any door (IDLE listens). */
  onChange: (() => void) | undefined;
  private unfollow: (() => void) | undefined;
  /** Set while a command waits for a continuation line (AUTHENTICATE without an initial response, IDLE's DONE). */
  private continuation: ((frame: Frame) => void) | undefined;
  private queue = Promise.resolve();
  private framer!: Framer;
  private readonly onData = (chunk: Buffer) => this.receive(chunk);

  constructor(
    public socket: Socket,
    readonly door: { services: { mailClient: MailClientService }; log: Logger; table: Table; tls: SecureContext },
    secure: boolean,
  ) {
    this.secure = secure;
    this.listen(socket);
    socket.once("close", () => this.unfollow?.());
  }

  /** loggedIn starts the authenticated state and follows my mailbox's changes, from every door and replica. */
  loggedIn(user: ActingUser): void {
    this.user = user;
    this.state = "auth";
    this.framer.limits = DEFAULT_LIMITS;
    this.unfollow = this.services.mailClient.follow(user, () => {
      this.dirty = true;
      this.onChange?.();
    });
  }

  get services() {
    return this.door.services;
  }

  get log(): Logger {
    return this.door.log;
  }

  private listen(socket: Socket): void {
    this.socket = socket;
    // A fresh framer: nothing a client pipelined before STARTTLS survives into the encrypted session.
    this.framer = new Framer(() => this.write("+ Ready for literal data"), this.user ? DEFAULT_LIMITS : PRE_AUTH_LIMITS);
    socket.on("data", this.onData);
  }

  /** startTls turns the connection into TLS (RFC 3501 §6.2.1), after STARTTLS's OK is written. */
  startTls(): void {
    const plain = this.socket;
    plain.off("data", this.onData);
    const secured = new TLSSocket(plain, { isServer: true, secureContext: this.door.tls });
    secured.on("error", () => plain.destroy());
    this.secure = true;
    this.listen(secured);
  }

  get ip(): string | undefined {
    return this.socket.remoteAddress;
  }

  write(line: string | Buffer): void {
    if (!this.socket.writable) return;
    this.socket.write(typeof line === "string" ? `${line}\r\n` : Buffer.concat([line, Buffer.from("\r\n")]));
  }

  /** ask sends a continuation request and resolves with the client's next line; one the framer refused (too long) fails the command with BAD. */
  ask(prompt: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.continuation = (frame) => (frame.ok ? resolve(frame.bytes.toString("latin1")) : reject(new ImapError("BAD", frame.error)));
      this.write(`+ ${prompt}`);
    });
  }

  private receive(chunk: Buffer): void {
    for (const frame of this.framer.push(chunk)) {
      // The line a waiting command asked for is its answer, also when it was refused: queued as a
      // command of its own, it would wait behind the command that waits for it, and neither would end.
      if (this.continuation) {
        const answer = this.continuation;
        this.continuation = undefined;
        answer(frame);
        continue;
      }
      const from = this.socket;
      this.queue = this.queue.then(() => {
        // A command pipelined behind STARTTLS arrived in the clear: it is dropped, never run encrypted.
        if (this.socket !== from) return;
        return frame.ok ? this.run(frame.bytes) : this.write(`${frame.tag} BAD ${frame.error}`);
      });
    }
  }

  private async run(bytes: Buffer): Promise<void> {
    let tag = "*";
    try {
      const cmd = parseCommand(bytes);
      tag = cmd.tag;
      const entry = this.door.table[cmd.name];
      if (!entry) throw new ImapError("BAD", `unknown command ${cmd.name}`);
      if (!entry.states.includes(this.state)) throw new ImapError("BAD", `${cmd.name} is not allowed ${stateWords[this.state]}`);
      // A disabled account or a revoked token stops here, on every command of a session already open.
      if (this.user && !(await this.services.mailClient.stillValid(this.user))) {
        this.write("* BYE this account was disabled or its token revoked");
        this.socket.end();
        return;
      }
      const text = await entry.run(this, cmd);
      await announce(this, { expunges: !HOLDS_EXPUNGES.has(cmd.name) });
      this.write(`${tag} OK ${text}`);
      const after = this.afterReply;
      this.afterReply = undefined;
      after?.();
      if (this.state === "logout") this.socket.end();
    } catch (err) {
      this.write(`${err instanceof ParseError ? err.tag : tag} ${render(err, this.log)}`);
    }
  }
}

const stateWords: Record<State, string> = {
  none: "before LOGIN",
  auth: "without a selected folder",
  selected: "with a folder selected",
  logout: "after LOGOUT",
};

/** render turns any error into the tagged response's status, code and text, once. */
function render(err: unknown, log: Logger): string {
  if (err instanceof ParseError) return `BAD ${err.message}`;
  if (err instanceof ImapError) return `${err.status} ${err.code ? `[${err.code}] ` : ""}${err.message}`;
  if (err instanceof AppError) {
    if (err.code === "UNAUTHORIZED") return "NO [AUTHENTICATIONFAILED] Invalid credentials";
    if (err.code === "RATE_LIMITED") return `NO [UNAVAILABLE] ${err.message}`;
    if (err.code === "NOT_FOUND") return `NO [NONEXISTENT] ${err.message}`;
    if (err.code === "SCOPE_REQUIRED") return `NO [NOPERM] ${err.message}`;
    if (err.status < 500) return `NO ${err.message}`;
  }
  log.warn("imap command failed", { error: (err as Error).message });
  return "NO [UNAVAILABLE] Sandpit could not do that now; try again";
}
