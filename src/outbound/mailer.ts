import nodemailer from "nodemailer";
import { AppError } from "../errors.js";

/** Mailer sends Sandpit's own mail (password-reset links) out through an SMTP relay. */
export interface Mailer {
  send(mail: { from: string; to: string; subject: string; text: string }): Promise<void>;
  close(): void;
}

/**
 * createMailer speaks to the relay `SANDPIT_RELAY_URL` names (smtp:// or smtps://, with
 * credentials in the URL), with Nodemailer's SMTP transport. A failure is UPSTREAM_UNAVAILABLE.
 */
export function createMailer(url: string, timeoutMs = 10_000): Mailer {
  const transport = nodemailer.createTransport(url, {
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 3,
  } as never);
  return {
    async send(mail) {
      try {
        await transport.sendMail(mail);
      } catch (err) {
        throw new AppError("UPSTREAM_UNAVAILABLE", `the outbound relay did not take the message: ${(err as Error).message}`, undefined, {
          cause: err,
        });
      }
    },
    close: () => transport.close(),
  };
}
