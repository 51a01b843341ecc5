import net from "node:net";
import nodemailer from "nodemailer";

/** Outgoing is a message an "app under test" delivers over SMTP. */
export interface Outgoing {
  from: string;
  to?: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  subject?: string;
  text?: string;
  html?: string;
  attachments?: { filename: string; content: string | Buffer; contentType?: string; cid?: string }[];
  headers?: Record<string, string>;
  /** Deliver this exact RFC 5322 source instead of building one. */
  raw?: string;
  envelope?: { from: string; to: string[] };
}

/**
 * deliver sends one message over real SMTP (to Mailpit, or through Sandpit) and returns Mailpit's
 * ID, read from the `250 2.0.0 Ok: queued as <ID>` reply; a refusal fails with the server's reply.
 */
export async function deliver(smtpPort: number, msg: Outgoing): Promise<string> {
  return accepted(await submit(smtpPort, msg));
}

/** noDelaySocket gives nodemailer a loopback socket with Nagle's algorithm off. */
export function noDelaySocket(port: number) {
  return (_options: unknown, callback: (err: Error | null, socketOptions?: { connection: net.Socket }) => void) => {
    const socket = net.connect({ host: "127.0.0.1", port, noDelay: true });
    const onError = (err: Error) => callback(err);
    socket.once("error", onError);
    socket.once("connect", () => {
      socket.off("error", onError);
      callback(null, { connection: socket });
    });
  };
}

/** SmtpOutcome is what an SMTP client heard: the Mailpit ID on 250, or the refusal. */
export type SmtpOutcome = { ok: true; id: string } | { ok: false; code: number | undefined; response: string };

/**
 * submit sends one message to Sandpit's SMTP as a real client would (Nodemailer), optionally with
 * AUTH and STARTTLS, and reports what the server answered instead of throwing.
 */
export async function submit(
  port: number,
  msg: Outgoing,
  opts: { auth?: { user: string; pass: string }; tls?: { ca: string } | "require-any"; authMethod?: string } = {},
): Promise<SmtpOutcome> {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    ...(opts.tls
      ? { requireTLS: true, tls: opts.tls === "require-any" ? { rejectUnauthorized: false } : { ca: opts.tls.ca, servername: "localhost" } }
      : { ignoreTLS: true }),
    ...(opts.auth ? { auth: opts.auth, authMethod: opts.authMethod } : {}),
    getSocket: noDelaySocket(port),
  } as unknown as nodemailer.TransportOptions);
  try {
    const info = (await transport.sendMail(msg.raw ? { raw: msg.raw, envelope: msg.envelope } : msg)) as { response: string };
    const id = /queued as (\S+)/.exec(info.response)?.[1];
    if (!id) throw new Error(`no ID in SMTP reply: ${info.response}`);
    return { ok: true, id };
  } catch (err) {
    const e = err as { responseCode?: number; response?: string; message: string };
    if (e.responseCode === undefined && !e.response) throw err;
    return { ok: false, code: e.responseCode, response: e.response ?? e.message };
  } finally {
    transport.close();
  }
}

/** accepted unwraps a successful outcome, failing with the server's reply otherwise. */
export function accepted(o: SmtpOutcome): string {
  if (!o.ok) throw new Error(`SMTP refused: ${o.code} ${o.response}`);
  return o.id;
}
