import nodemailer from "nodemailer";
import type { Config } from "../config.js";
import { AppError } from "../errors.js";
import { normalizeAddress } from "../lib/addresses.js";
import type { Endpoint } from "../lib/endpoints.js";
import type { Store } from "../store/ports.js";
import type { Credentials } from "./credentials.js";
import { precheck } from "./door-check.js";
import type { ActingUser } from "../domain/acting-user.js";
import { chaosReply, ChaosRuleSchema, type ChaosReply, type ChaosRule } from "../domain/chaos.js";

export { ChaosRuleSchema } from "../domain/chaos.js";

/** SmtpEndpoint is where Sandpit's SMTP server listens, known once it has started. */
export type SmtpEndpoint = Endpoint;

/** SmtpSettings is what a mail client needs to submit through Sandpit as me. */
export interface SmtpSettings {
  host: string;
  port: number;
  security: "STARTTLS required" | "STARTTLS offered";
  auth: "optional" | "required";
  username: string;
  chaosAvailable: boolean;
}

/** SmtpService is each user's side of Sandpit's SMTP door: settings, a connection test, fault injection. */
export interface SmtpService {
  settings(user: ActingUser): Promise<SmtpSettings>;
  /** check logs in to Sandpit's own SMTP as a mail client would, and reports the server's answer. */
  check(
    user: ActingUser,
    input: { username?: string | undefined; password: string },
    client?: string,
  ): Promise<{ ok: boolean; reply: string }>;
  getChaos(user: ActingUser): Promise<ChaosRule & { available: boolean }>;
  setChaos(user: ActingUser, input: unknown): Promise<ChaosRule & { available: boolean }>;
  /** forRecipient is the error a recipient's owner asked for, if this message meets it. */
  forRecipient(rcpt: string): Promise<ChaosReply | undefined>;
  /** forSender is the error an authenticated sender asked for on what they send. */
  forSender(user: ActingUser): Promise<ChaosReply | undefined>;
}

/** The answers Sandpit's SMTP door gives to what the precheck refuses (adapters/smtp/replies.ts). */
const SMTP_REFUSAL = {
  UNAUTHORIZED: () => "535 5.7.8 Authentication credentials invalid",
  SCOPE_REQUIRED: (e: AppError) => `535 5.7.8 ${e.message}`,
  RATE_LIMITED: (e: AppError) => `454 4.7.0 Too many failed logins; try again in ${e.retryAfterSeconds ?? 60} s`,
};

export function createSmtpService({
  store,
  config,
  credentials,
  endpoint,
  roll = Math.random,
}: {
  store: Store;
  credentials: Pick<Credentials, "authenticateMail">;
  config: Config;
  endpoint: () => SmtpEndpoint;
  roll?: () => number;
}): SmtpService {
  const parse = (json: string | undefined) => ChaosRuleSchema.parse(json ? JSON.parse(json) : {});
  const view = (rule: ChaosRule) => ({ ...rule, available: config.smtp.chaos });

  return {
    async settings(user) {
      const { host, port } = endpoint();
      return {
        host: ["0.0.0.0", "::"].includes(host) ? "localhost" : host,
        port,
        security: config.smtp.requireTls ? "STARTTLS required" : "STARTTLS offered",
        auth: config.smtp.auth,
        username: user.email,
        chaosAvailable: config.smtp.chaos,
      };
    },

    async check(user, input, client) {
      const refused = await precheck(credentials, {
        username: input.username ?? user.email,
        secret: input.password,
        client,
        door: "smtp",
        scope: "send",
      });
      if (refused) return { ok: false, reply: SMTP_REFUSAL[refused.code as keyof typeof SMTP_REFUSAL](refused) };
      const { host, port } = endpoint();
      const transport = nodemailer.createTransport({
        host: ["0.0.0.0", "::"].includes(host) ? "127.0.0.1" : host,
        port,
        secure: false,
        requireTLS: config.smtp.requireTls,
        // Sandpit checks its own server: its certificate may be the self-signed one.
        tls: { rejectUnauthorized: false },
        auth: { user: input.username ?? user.email, pass: input.password },
        connectionTimeout: 5000,
      });
      try {
        await transport.verify();
        return { ok: true, reply: "235 2.7.0 Authentication successful" };
      } catch (err) {
        const e = err as { response?: string; message: string };
        return { ok: false, reply: e.response ?? e.message };
      } finally {
        transport.close();
      }
    },

    getChaos: async (user) => view(parse(await store.chaos.get(user.id))),

    async setChaos(user, input) {
      if (!config.smtp.chaos)
        throw new AppError("FORBIDDEN", "SMTP fault injection is turned off on this Sandpit (SANDPIT_SMTP_CHAOS=false)");
      const r = ChaosRuleSchema.safeParse(input);
      if (!r.success)
        throw new AppError(
          "BAD_REQUEST",
          `invalid chaos rule: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
        );
      const mine = await store.users.addressesOf(user.id);
      const foreign = r.data.recipients.map(normalizeAddress).filter((a) => !mine.includes(a));
      if (foreign.length > 0)
        throw new AppError("FORBIDDEN", `fault injection applies only to your own addresses, not ${foreign.join(", ")}`);
      await store.chaos.set(user.id, r.data.enabled ? JSON.stringify(r.data) : undefined);
      return view(r.data);
    },

    async forRecipient(rcpt) {
      if (!config.smtp.chaos) return undefined;
      const json = await store.chaos.forAddress(normalizeAddress(rcpt));
      return json ? chaosReply(parse(json), rcpt, roll()) : undefined;
    },

    async forSender(user) {
      if (!config.smtp.chaos) return undefined;
      const json = await store.chaos.get(user.id);
      return json ? chaosReply(parse(json), undefined, roll()) : undefined;
    },
  };
}
