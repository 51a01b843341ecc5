import nodemailer from "nodemailer";
import { noDelaySocket } from "./mail.js";
import type { TestUser } from "./users.js";

/** BurstResult: the Mailpit ID of every message acknowledged with 250, by message number. */
export interface BurstResult {
  acked: Map<number, string>;
  refused: number;
}

/**
 * recipientsOf is who message `n` of a burst is for: one user in To, and on every third message a
 * second user in the envelope only (next to a `Bcc:` header naming nobody registered, so header
 * ownership would miss them: only the envelope gives them the message).
 */
export function recipientsOf(n: number, users: TestUser[]): { to: TestUser; envelopeOnly: TestUser | undefined } {
  return { to: users[n % users.length]!, envelopeOnly: n % 3 === 0 ? users[(n + 3) % users.length] : undefined };
}

/**
 * burst sends `count` messages to `port` from `connections` concurrent SMTP clients, calling
 * `onProgress` after each attempt (it may disrupt the server and wait). Refusals and dropped
 * connections are counted, not retried: only 250 is an acknowledgement.
 */
export async function burst(
  port: number,
  users: TestUser[],
  opts: {
    count: number;
    connections: number;
    tag: string;
    onProgress?: (attempted: number) => Promise<void> | void;
  },
): Promise<BurstResult> {
  const result: BurstResult = { acked: new Map(), refused: 0 };
  const make = () =>
    nodemailer.createTransport({
      host: "127.0.0.1",
      port,
      // One connection per message: Nodemailer's pool can leave a send unanswered when its
      // connection meets a failure (seen with both a dying Sandpit and 451s), and a client that
      // reconnects per message is what many apps do.
      ignoreTLS: true,
      connectionTimeout: 2000,
      greetingTimeout: 5000,
      socketTimeout: 10_000,
      getSocket: noDelaySocket(port),
    } as unknown as nodemailer.TransportOptions);
  const transports = Array.from({ length: opts.connections }, make);
  let next = 0;
  let attempted = 0;
  await Promise.all(
    transports.map(async (t) => {
      for (let n = next++; n < opts.count; n = next++) {
        const { to, envelopeOnly } = recipientsOf(n, users);
        const raw = [`From: app@shop.test`, `To: ${to.email}`, `Bcc: nobody@nowhere.test`, `Subject: ${opts.tag} ${n}`, ``, `x`].join(
          "\r\n",
        );
        const rcpts = [to.email, ...(envelopeOnly ? [envelopeOnly.email] : [])];
        try {
          const info = (await t.sendMail({ raw, envelope: { from: "app@shop.test", to: rcpts } })) as { response: string };
          result.acked.set(n, /queued as (\S+)/.exec(info.response)![1]!);
        } catch {
          result.refused += 1;
        }
        attempted += 1;
        await opts.onProgress?.(attempted);
      }
    }),
  );
  transports.forEach((t) => t.close());
  return result;
}

/** subjectsOf lists a user's whole mailbox as (ID, subject) pairs. */
export async function mailboxOf(u: TestUser): Promise<{ ID: string; Subject: string }[]> {
  return (await u.json("/api/v1/messages?limit=0")).body.messages as { ID: string; Subject: string }[];
}
