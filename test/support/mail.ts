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
 * deliver sends one message over real SMTP to Mailpit and returns Mailpit's ID, read from its
 * `250 2.0.0 Ok: queued as <ID>` reply.
 */
export async function deliver(smtpPort: number, msg: Outgoing): Promise<string> {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
    // nodemailer leaves Nagle's algorithm on, which costs ~40 ms per message on loopback.
    getSocket: noDelaySocket(smtpPort),
  } as nodemailer.TransportOptions);
  try {
    const info = await transport.sendMail(msg.raw ? { raw: msg.raw, envelope: msg.envelope } : msg);
    const id = /queued as (\S+)/.exec(info.response)?.[1];
    if (!id) throw new Error(`no ID in SMTP reply: ${info.response}`);
    return id;
  } finally {
    transport.close();
  }
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
