import { ImapFlow } from "imapflow";
import type { Config } from "../config.js";
import type { AppError } from "../errors.js";
import type { Credentials } from "./credentials.js";
import { precheck } from "./door-check.js";
import type { ActingUser } from "../domain/acting-user.js";
import { advertisedHost, dialHost, type DoorSettings, type Endpoints } from "../lib/endpoints.js";

export type { DoorSettings };

/** MailClientSettings is what any mail client needs to read and send as me. */
export interface MailClientSettings {
  username: string;
  password: string;
  doors: DoorSettings[];
}

/** MailClientsService helps people set up mail clients: settings, a real IMAP check, Thunderbird's autoconfig. */
export interface MailClientsService {
  /** settings are every door's host, port and security, as reached through `requestHost`. */
  settings(user: ActingUser, requestHost: string | undefined): MailClientSettings;
  /** doors are the same settings for no one in particular (autoconfig). */
  doors(requestHost: string | undefined): DoorSettings[];
  /** checkImap logs in to Sandpit's own IMAP door as a mail client would, and lists the folders it sees. */
  checkImap(user: ActingUser, input: { username?: string | undefined; password: string }, client?: string): Promise<ImapCheck>;
}

export interface ImapCheck {
  ok: boolean;
  reply: string;
  folders: string[];
}

/** The answers Sandpit's IMAP door gives to what the precheck refuses (adapters/imap/session.ts). */
const IMAP_REFUSAL = {
  UNAUTHORIZED: () => "NO [AUTHENTICATIONFAILED] Invalid credentials",
  SCOPE_REQUIRED: (e: AppError) => `NO [NOPERM] ${e.message}`,
  RATE_LIMITED: (e: AppError) => `NO [UNAVAILABLE] ${e.message}`,
};

export function createMailClientsService({
  config,
  endpoints,
  credentials,
}: {
  config: Config;
  endpoints: () => Endpoints;
  credentials: Pick<Credentials, "authenticateMail">;
}): MailClientsService {
  const doors = (requestHost: string | undefined): DoorSettings[] => {
    const e = endpoints();
    const door = (protocol: DoorSettings["protocol"], d: Endpoints["imap"], required = false): DoorSettings => ({
      protocol,
      host: advertisedHost(d.host, requestHost),
      port: d.port,
      security: required ? "STARTTLS required" : "STARTTLS offered",
      tlsPort: d.tlsPort ?? null,
    });
    return [door("IMAP", e.imap), door("POP3", e.pop3), door("SMTP", e.smtp, config.smtp.requireTls)];
  };
  return {
    doors,
    settings: (user, requestHost) => ({ username: user.email, password: "one of your tokens", doors: doors(requestHost) }),
    async checkImap(user, input, from) {
      const refused = await precheck(credentials, {
        username: input.username ?? user.email,
        secret: input.password,
        client: from,
        door: "imap",
        scope: "read",
      });
      if (refused) return { ok: false, reply: IMAP_REFUSAL[refused.code as keyof typeof IMAP_REFUSAL](refused), folders: [] };
      const { host, port } = endpoints().imap;
      const client = new ImapFlow({
        host: dialHost(host),
        port,
        secure: false,
        // Sandpit checks its own door over loopback: TLS would prove nothing here, and its
        // certificate may be the self-signed one.
        doSTARTTLS: false,
        auth: { user: input.username ?? user.email, pass: input.password },
        logger: false,
        connectionTimeout: 5000,
        greetingTimeout: 5000,
        socketTimeout: 10_000,
      });
      client.on("error", () => undefined);
      try {
        await client.connect();
        const folders = (await client.list()).map((f) => f.path);
        return { ok: true, reply: "OK Logged in", folders };
      } catch (err) {
        const e = err as { responseText?: string; serverResponseCode?: string; message: string };
        const code = e.serverResponseCode ? `[${e.serverResponseCode}] ` : "";
        return { ok: false, reply: e.responseText ? `NO ${code}${e.responseText}` : e.message, folders: [] };
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
  };
}
