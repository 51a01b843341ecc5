import { AppError } from "../../errors.js";

/** SmtpReply is an error smtp-server sends as the reply to a command. */
export type SmtpReply = Error & { responseCode: number };

/** reply builds an SMTP reply; `text` starts with the enhanced status code (RFC 3463). */
export function reply(code: number, text: string): SmtpReply {
  return Object.assign(new Error(text.replace(/[\r\n]+/g, " ")), { responseCode: code });
}

/**
 * toReply renders an error thrown by the services as the protocol's own reply. This is the one
 * place SMTP replies are chosen, as error-handler.ts is for HTTP.
 */
export function toReply(err: unknown, stage: "auth" | "mail" | "data"): SmtpReply {
  if (!(err instanceof AppError)) return reply(451, "4.3.0 Local error in processing; try again later");
  switch (err.code) {
    case "UNAUTHORIZED":
      return reply(535, "5.7.8 Authentication credentials invalid");
    case "RATE_LIMITED":
      return stage === "auth"
        ? reply(454, `4.7.0 Too many failed logins; try again in ${err.retryAfterSeconds ?? 60} s`)
        : reply(451, `4.7.1 Too many messages; try again in ${err.retryAfterSeconds ?? 60} s`);
    case "SCOPE_REQUIRED":
      return reply(535, `5.7.8 ${err.message}: make a token with it for mail clients`);
    case "SENDER_FORBIDDEN":
      return reply(550, `5.7.1 ${err.message}`);
    case "UPSTREAM_UNAVAILABLE":
      return reply(451, "4.3.0 Mail storage is unavailable; try again later");
    case "BAD_REQUEST":
      return reply(554, `5.6.0 ${err.message}`);
    default:
      return reply(451, "4.3.0 Local error in processing; try again later");
  }
}
