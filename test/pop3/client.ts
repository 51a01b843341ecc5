import net from "node:net";
import tls from "node:tls";
import { expect } from "vitest";
import { caOf, until } from "../imap/client.js";
import type { Stack } from "../support/stack.js";
import type { TestUser } from "../support/users.js";

/** Pop3Client speaks POP3 over a raw socket: each answer is read whole, in order. */
export interface Pop3Client {
  greeting: string;
  socket: net.Socket;
  /** cmd sends a line and reads its answer; `multi` for a multi-line one (up to its `.`, unless `-ERR`). */
  cmd(line: string, multi?: boolean): Promise<string>;
  /** next reads the next answer without sending anything. */
  next(multi?: boolean): Promise<string>;
  /** upgrade starts TLS on this connection (after `+OK` to STLS) with the sandbox's certificate. */
  upgrade(stack: Stack): Promise<Pop3Client>;
  close(): void;
  /** closed resolves once the server has closed the connection (after QUIT). */
  closed(): Promise<void>;
}

/**
 * pop3 connects to the stack's POP3 door (plain, or implicit TLS with `secure`) and reads the
 * greeting; pass a socket already in a session to skip it.
 */
export async function pop3(stack: Stack, opts: { secure?: boolean; socket?: net.Socket } = {}): Promise<Pop3Client> {
  const { pop3: door } = stack.app.server;
  let socket = opts.socket;
  if (!socket && opts.secure) {
    socket = tls.connect({ port: door.tlsPort!, host: "127.0.0.1", ca: caOf(stack), servername: "localhost" });
    await new Promise((r) => socket!.once("secureConnect", r));
  }
  socket ??= net.connect(door.port, "127.0.0.1");
  let buf = "";
  socket.on("data", (d: Buffer) => (buf += d.toString("latin1")));
  const next = async (multi = false): Promise<string> => {
    const end = () => {
      const eol = buf.indexOf("\r\n");
      if (eol < 0 || !multi || !buf.startsWith("+OK")) return eol < 0 ? -1 : eol + 2;
      const dot = buf.indexOf("\r\n.\r\n", eol);
      return dot < 0 ? -1 : dot + 5;
    };
    await until(() => end() >= 0);
    const cut = end();
    if (cut < 0) throw new Error(`no whole answer in time; so far: ${JSON.stringify(buf.slice(0, 300))}`);
    const out = buf.slice(0, cut);
    buf = buf.slice(cut);
    return out;
  };
  const client: Pop3Client = {
    greeting: opts.socket ? "" : await next(),
    socket,
    async cmd(line, multi = false) {
      socket.write(`${line}\r\n`);
      return next(multi);
    },
    next,
    async upgrade(s) {
      socket.removeAllListeners("data");
      const secured = tls.connect({ socket, ca: caOf(s), servername: "localhost" });
      await new Promise((r) => secured.once("secureConnect", r));
      return pop3(s, { socket: secured });
    },
    close: () => socket.destroy(),
    closed: () => new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once("close", () => resolve()))),
  };
  return client;
}

/** loggedIn is a POP3 session of `user`, logged in with USER and PASS (their token). */
export async function loggedIn(stack: Stack, user: TestUser): Promise<Pop3Client> {
  const c = await pop3(stack);
  expect(await c.cmd(`USER ${user.email}`)).toMatch(/^\+OK/);
  expect(await c.cmd(`PASS ${user.token}`)).toMatch(/^\+OK/);
  return c;
}

/** unstuffed is the message a multi-line answer carries: its first line and the `.` removed, dots unstuffed. */
export function unstuffed(answer: string): string {
  const lines = answer.slice(answer.indexOf("\r\n") + 2, -5).split("\r\n");
  return lines.map((l) => (l.startsWith(".") ? l.slice(1) : l)).join("\r\n") + "\r\n";
}

/** sizes are a LIST answer's octet counts by message number. */
export function sizes(list: string): Map<number, number> {
  return new Map([...list.matchAll(/^(\d+) (\d+)$/gm)].map((m) => [Number(m[1]), Number(m[2])]));
}
