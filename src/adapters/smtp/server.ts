import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import type { Config } from "../../config.js";
import type { Deps } from "../../deps.js";
import type { ActingUser } from "../../domain/acting-user.js";
import { AppError } from "../../errors.js";
import { reply, toReply } from "./replies.js";
import type { TlsPair } from "../../lib/tls.js";

/** SmtpDoor is Sandpit's running SMTP server. */
export interface SmtpDoor {
  port: number;
  close(): Promise<void>;
}

const userOf = (session: SMTPServerSession) => session.user as ActingUser | undefined;

/**
 * startSmtp serves SMTP for apps (delivery) and users (submission with AUTH PLAIN or LOGIN) on one
 * port with STARTTLS (DESIGN §1, §3). It only speaks the protocol: who may log in and send as whom,
 * and what happens to the message, is the services' business.
 */
export async function startSmtp({ config, log, services }: Deps, tls: TlsPair): Promise<SmtpDoor> {
  const c: Config["smtp"] = config.smtp;
  const maxBytes = config.http.maxMessageBytes;

  const server = new SMTPServer({
    name: "sandpit",
    banner: "Sandpit ESMTP",
    size: maxBytes,
    key: tls.key,
    cert: tls.cert,
    authMethods: ["PLAIN", "LOGIN"],
    authOptional: c.auth === "optional",
    authRequiredMessage: "5.7.0 Authentication required",
    allowInsecureAuth: !c.requireTls,
    maxClients: c.maxClients,
    closeTimeout: 2000,
    hideENHANCEDSTATUSCODES: true,
    logger: false,
    onAuth(auth, session, cb) {
      services.auth
        .authenticateMail({
          username: auth.username ?? "",
          secret: auth.password ?? "",
          client: session.remoteAddress,
          door: "smtp",
          scope: "send",
        })
        .then((user) => cb(null, { user }))
        .catch((err: unknown) => cb(toReply(err, "auth")));
    },
    onMailFrom(address, session, cb) {
      const user = userOf(session);
      (async () => {
        if (user && !(await services.auth.stillValid(user)))
          throw new AppError("UNAUTHORIZED", "this account was disabled or its token revoked");
        if (user) await services.submission.checkMailFrom(user, address.address);
        const chaos = user && (await services.smtp.forSender(user));
        if (chaos) throw reply(chaos.code, chaos.text);
        const meta = { ip: session.remoteAddress, userAgent: "smtp" };
        await services.limits.take("smtp", user ? `user:${user.id}` : `ip:${session.remoteAddress}`, { actor: user, meta });
      })().then(
        () => cb(),
        (err: unknown) => cb(err instanceof Error && "responseCode" in err ? err : toReply(err, "mail")),
      );
    },
    onRcptTo(address, session, cb) {
      if (session.envelope.rcptTo.length >= c.maxRecipients) {
        return cb(reply(452, `4.5.3 Too many recipients; at most ${c.maxRecipients} per message`));
      }
      services.smtp.forRecipient(address.address).then(
        (chaos) => cb(chaos ? reply(chaos.code, chaos.text) : undefined),
        (err: unknown) => cb(toReply(err, "mail")),
      );
    },
    onData(stream, session, cb) {
      readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) throw reply(552, `5.3.4 Message too big; the limit is ${maxBytes} bytes`);
          const user = userOf(session);
          const { ID } = await services.submission.submitRaw({
            user,
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            rcpts: session.envelope.rcptTo.map((r) => r.address),
            raw,
            client: {
              ip: session.remoteAddress,
              helo: session.hostNameAppearsAs,
              protocol: `ESMTP${session.secure ? "S" : ""}${user ? "A" : ""}`,
            },
          });
          cb(null, `2.0.0 Ok: queued as ${ID}`);
        })
        .catch((err: unknown) => {
          if (!(err instanceof AppError) && !("responseCode" in (err as object)))
            log.warn("smtp: message not accepted", { error: err as Error });
          cb("responseCode" in (err as object) ? (err as Error) : toReply(err, "data"));
        });
    },
  });
  server.on("error", (err) => log.warn("smtp: connection error", { error: err }));
  // Replies go out at once (Nagle's algorithm would hold a reply back behind a delayed ACK).
  server.server.on("connection", (socket: import("node:net").Socket) => socket.setNoDelay(true));

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(c.port, c.host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  log.info("smtp listening", { host: c.host, port, auth: c.auth });
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** readAll buffers the DATA stream (bounded by SIZE: smtp-server stops counting past the limit). */
async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) if (!stream.sizeExceeded) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
