import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import tls from "node:tls";
import { ImapFlow } from "imapflow";
import { afterAll } from "vitest";
import type { Stack } from "../support/stack.js";
import { jsonInit, type TestUser } from "../support/users.js";

/** The sandbox's own certificate (generated in its data folder), which test clients trust. */
export const caOf = (stack: Stack) => fs.readFileSync(path.join(stack.app.dataDir, "tls", "sandpit-cert.pem"), "utf8");

/**
 * useImap gives a test file real IMAP clients (imapflow) logged in to its stack over STARTTLS with
 * the sandbox's certificate, logged out after the file; `raw` speaks the protocol over a socket.
 */
export function useImap(stack: Stack) {
  const clients: ImapFlow[] = [];
  afterAll(async () => {
    for (const c of clients) await c.logout().catch(() => undefined);
  });
  return {
    /** connect logs in with an address and a token (or password). */
    async connect(user: string, pass: string, opts: { secure?: boolean } = {}): Promise<ImapFlow> {
      const port = opts.secure ? stack.app.server.imap.tlsPort! : stack.app.server.imap.port;
      const client = new ImapFlow({
        host: "127.0.0.1",
        port,
        secure: opts.secure ?? false,
        auth: { user, pass },
        tls: { ca: caOf(stack), servername: "localhost" },
        logger: false,
      });
      clients.push(client);
      await client.connect();
      return client;
    },
    /** raw sends lines over a plain socket and reads until the tagged answer of `tag`. */
    raw: (lines: string[], tag: string) => rawImap(stack.app.server.imap.port, lines, tag),
  };
}

/** imapSession is one raw IMAP connection that runs one command at a time: `run` answers what it got up to the tagged reply. */
export function imapSession(stack: Stack) {
  const socket = net.connect(stack.app.server.imap.port, "127.0.0.1");
  let seen = "";
  socket.on("data", (d: Buffer) => (seen += d.toString("latin1")));
  return {
    async run(tag: string, command: string): Promise<string> {
      const from = seen.length;
      socket.write(`${tag} ${command}\r\n`);
      await until(() => new RegExp(`(^|\\r\\n)${tag} (OK|NO|BAD)`).test(seen.slice(from)));
      return seen.slice(from);
    },
    /** send writes a line without waiting: a continuation's answer, once `waitFor` saw the `+`. */
    send: (line: string) => void socket.write(`${line}\r\n`),
    /** waitFor waits until what arrived since the connection opened matches. */
    waitFor: (re: RegExp) => until(() => re.test(seen)),
    close: () => socket.destroy(),
  };
}

/** rawImap speaks IMAP over a plain socket: send lines, read until the tagged answer of `tag`. */
export async function rawImap(
  port: number,
  lines: string[],
  tag: string,
  socket: net.Socket | tls.TLSSocket = net.connect(port, "127.0.0.1"),
): Promise<string> {
  let seen = "";
  socket.on("data", (d: Buffer) => (seen += d.toString("latin1")));
  if (socket.connecting) await new Promise((r) => socket.once("connect", r));
  for (const l of lines) socket.write(`${l}\r\n`);
  await until(() => new RegExp(`(^|\\r\\n)${tag} (OK|NO|BAD)`).test(seen));
  socket.destroy();
  return seen;
}

/** until polls a condition every 20 ms, for up to 5 s. */
export async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

/** send mails through Sandpit's REST send as `from`; answers the new message's ID. */
export async function send(from: TestUser, to: string[], subject: string, more: { bcc?: string[]; text?: string; html?: string } = {}) {
  const res = await from.json(
    "/api/v1/send",
    jsonInit("POST", {
      To: to.map((Email) => ({ Email })),
      Bcc: more.bcc ?? [],
      Subject: subject,
      Text: more.text ?? `body of ${subject}`,
      ...(more.html ? { HTML: more.html } : {}),
    }),
  );
  return res.body.ID as string;
}
