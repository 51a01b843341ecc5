import type { Config } from "../config.js";
import type { Logger } from "../lib/log.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { Mailer } from "../outbound/mailer.js";
import type { Store } from "../store/ports.js";
import { createAddressService, type AddressService } from "./addresses.js";
import { createAdminService, type AdminService } from "./admin.js";
import { createAuditService, type AuditService } from "./audit.js";
import { createAuthService, type AuthService } from "./auth.js";
import { createInboxService, type InboxService } from "./inboxes.js";
import { createLoginGuard } from "./login-guard.js";
import type { MailboxEventsService } from "./mailbox-events.js";
import type { MailboxService } from "./mailbox.js";
import { createMaintenance, type Maintenance } from "./maintenance.js";
import { createPasswordReset, type PasswordReset } from "./password-reset.js";
import { createRateLimits, type RateLimits } from "./rate-limits.js";
import { createTwoFactor, type TwoFactor } from "./two-factor.js";

/** AccountServices are the services of users and their access (DESIGN §4, #12). */
export interface AccountServices {
  auth: AuthService;
  audit: AuditService;
  limits: RateLimits;
  twoFactor: TwoFactor;
  resets: PasswordReset;
  addresses: AddressService;
  admin: AdminService;
  inboxes: InboxService | undefined;
  maintenance: Maintenance | undefined;
}

/**
 * createAccountServices wires the account services once, for the server (deps.ts) and the CLI,
 * which has neither Mailpit nor a mailbox (`mail` undefined): it cannot delete users or end inboxes.
 */
export function createAccountServices(deps: {
  store: Store;
  config: Config;
  log: Logger;
  events: MailboxEventsService;
  mailer: Mailer | undefined;
  mail?: { mailpit: MailpitClient; mailbox: MailboxService } | undefined;
}): AccountServices {
  const { store, config, log, events, mailer, mail } = deps;
  const audit = createAuditService({ store, log, retentionDays: config.accounts.auditRetentionDays });
  const guard = createLoginGuard(config.auth.login, store.limits);
  const limits = createRateLimits({
    store: store.limits,
    limits: { ...config.accounts.limits, smtpMessagesPerMinute: config.smtp.messagesPerMinute },
    audit,
  });
  const passwordMode = config.auth.mode === "password";
  const twoFactor = createTwoFactor({ store, audit, guard, passwordMode });
  const auth = createAuthService({ store, config, audit, limits, guard, twoFactor });
  const resets = createPasswordReset({
    store,
    config: config.accounts,
    passwordMode,
    mailer,
    passwords: auth.parts.passwords,
    guard,
    limits,
    audit,
    log,
  });
  const inboxes = mail && createInboxService({ store, config, tokens: auth.parts.tokens, mailbox: mail.mailbox, audit, log });
  return {
    auth,
    audit,
    limits,
    twoFactor,
    resets,
    addresses: createAddressService({ store, config, events, audit }),
    admin: createAdminService({ store, auth, audit, mail }),
    inboxes,
    maintenance: inboxes && createMaintenance({ store, audit, inboxes, log }),
  };
}
