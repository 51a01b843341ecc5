import { z } from "zod";

/**
 * The settings of a shared sandbox (#12): sessions, rate limits, the audit log, password reset
 * mail, throwaway inboxes and two-factor. Part of config.ts's environment; split out to keep each
 * file small. A limit of 0 turns that limit off.
 */

const count = (max: number, dflt: number) => z.coerce.number().int().min(0).max(max).default(dflt);

export const AccountEnvShape = {
  SANDPIT_SESSION_IDLE_MINUTES: z.coerce.number().min(0.01).max(5_256_000).default(10_080),
  SANDPIT_REGISTRATIONS_PER_HOUR: count(1_000_000, 30),
  SANDPIT_RESET_REQUESTS_PER_HOUR: count(1_000_000, 10),
  SANDPIT_SENDS_PER_MINUTE: count(10_000_000, 6000),
  SANDPIT_API_REQUESTS_PER_MINUTE: count(100_000_000, 30_000),
  SANDPIT_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
  SANDPIT_RELAY_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  SANDPIT_RELAY_FROM: z.email().optional(),
  SANDPIT_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SANDPIT_INBOX_DOMAIN: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i, "must be a domain name")
    .default("inbox.sandpit.test"),
  SANDPIT_INBOX_QUOTA: count(100_000, 50),
  SANDPIT_INBOX_MAX_MINUTES: z.coerce.number().int().min(1).max(525_600).default(10_080),
  SANDPIT_ADMIN_2FA: z.enum(["optional", "required"]).default("optional"),
};

const _accountEnv = z.object(AccountEnvShape);
type AccountEnv = z.infer<typeof _accountEnv>;

/** AccountConfig is the typed form of those settings. */
export interface AccountConfig {
  /** A session not used for this long ends (its absolute lifetime is auth.sessionDays). */
  sessionIdleMs: number;
  /** Per client per hour (registration, reset requests), per user per minute (sends, every door), per token per minute (API). */
  limits: { registrationsPerHour: number; resetRequestsPerHour: number; sendsPerMinute: number; apiRequestsPerMinute: number };
  auditRetentionDays: number;
  /** Where password-reset mail goes out (undefined: an admin hands out the link); its From; the links' base URL. */
  relay: { url: string | undefined; from: string | undefined; publicUrl: string | undefined };
  inboxes: { domain: string; quota: number; maxMinutes: number };
  /** required: an admin must turn on two-factor before doing anything else. */
  adminTwoFactor: "optional" | "required";
}

export function accountConfig(e: AccountEnv): AccountConfig {
  return {
    sessionIdleMs: Math.round(e.SANDPIT_SESSION_IDLE_MINUTES * 60_000),
    limits: {
      registrationsPerHour: e.SANDPIT_REGISTRATIONS_PER_HOUR,
      resetRequestsPerHour: e.SANDPIT_RESET_REQUESTS_PER_HOUR,
      sendsPerMinute: e.SANDPIT_SENDS_PER_MINUTE,
      apiRequestsPerMinute: e.SANDPIT_API_REQUESTS_PER_MINUTE,
    },
    auditRetentionDays: e.SANDPIT_AUDIT_RETENTION_DAYS,
    relay: { url: e.SANDPIT_RELAY_URL, from: e.SANDPIT_RELAY_FROM, publicUrl: e.SANDPIT_PUBLIC_URL?.replace(/\/+$/, "") },
    inboxes: { domain: e.SANDPIT_INBOX_DOMAIN.toLowerCase(), quota: e.SANDPIT_INBOX_QUOTA, maxMinutes: e.SANDPIT_INBOX_MAX_MINUTES },
    adminTwoFactor: e.SANDPIT_ADMIN_2FA,
  };
}
