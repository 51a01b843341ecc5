import type { Config } from "./config.js";
import type { EventBus } from "./events/bus.js";
import type { MessageIndexer } from "./index/index-message.js";
import type { Leader } from "./index/leader.js";
import type { Poller } from "./index/poller.js";
import type { Logger } from "./lib/log.js";
import type { Relay } from "./mailpit/relay.js";
import type { Endpoints } from "./lib/endpoints.js";
import { createMailClientsService, type MailClientsService } from "./services/mail-clients.js";
import { createSmtpService, type SmtpService } from "./services/smtp.js";
import type { MailpitClient } from "./mailpit/client.js";
import type { AdminService } from "./services/admin.js";
import type { AuthService } from "./services/auth.js";
import { createExtractService, type ExtractService } from "./services/extract.js";
import { createHealthService, type HealthService } from "./services/health.js";
import { createInstanceService, type InstanceService } from "./services/instance.js";
import { createMailboxEventsService, type MailboxEventsService } from "./services/mailbox-events.js";
import type { AddressService } from "./services/addresses.js";
import { createMailClientService, type MailClientService } from "./services/mail-client.js";
import { createProfileService, type ProfileService } from "./services/profile.js";
import { createDraftService, type DraftService } from "./services/drafts.js";
import { createFolderService, type FolderService } from "./services/folders.js";
import { createMailboxService, type MailboxService } from "./services/mailbox.js";
import { createMessageService, type MessageService } from "./services/messages.js";
import { createSubmissionService, type SubmissionService } from "./services/submission.js";
import { createWaitService, type WaitService } from "./services/wait.js";
import type { Store } from "./store/ports.js";
import type { Mailer } from "./outbound/mailer.js";
import { createAccountServices } from "./services/accounts-root.js";
import type { AuditService } from "./services/audit.js";
import type { InboxService } from "./services/inboxes.js";
import type { Maintenance } from "./services/maintenance.js";
import type { PasswordReset } from "./services/password-reset.js";
import type { RateLimits } from "./services/rate-limits.js";
import { withScopes, type ScopeMap } from "./services/scope-guard.js";
import * as SCOPES from "./services/scope-maps.js";
import type { TwoFactor } from "./services/two-factor.js";

/** Services is the one service layer that REST, MCP, the UI, the mail doors and the CLI all call. */
export interface Services {
  auth: AuthService;
  admin: AdminService;
  audit: AuditService;
  limits: RateLimits;
  twoFactor: TwoFactor;
  resets: PasswordReset;
  inboxes: InboxService;
  mailbox: MailboxService;
  folders: FolderService;
  drafts: DraftService;
  addresses: AddressService;
  profile: ProfileService;
  mailClient: MailClientService;
  messages: MessageService;
  submission: SubmissionService;
  instance: InstanceService;
  wait: WaitService;
  extract: ExtractService;
  events: MailboxEventsService;
  health: HealthService;
  smtp: SmtpService;
  mailClients: MailClientsService;
}

/** Infra is what services are built over; only the composition root and the services see it. */
export interface Infra {
  config: Config;
  log: Logger;
  store: Store;
  mailpit: MailpitClient;
  /** Mailpit's internal SMTP, where accepted mail goes (undefined: an external Mailpit without MAILPIT_SMTP). */
  relay: Relay | undefined;
  /** Where Sandpit's own SMTP server listens (its port is known once it has started). */
  /** Where the mail doors listen (SMTP, IMAP, POP3), known once each has started. */
  endpoints: () => Endpoints;
  bus: EventBus;
  indexer: MessageIndexer;
  poller: Poller;
  leader: Leader;
  /** The outbound relay for Sandpit's own mail (password resets); undefined without SANDPIT_RELAY_URL. */
  mailer: Mailer | undefined;
}

/** Deps is what every adapter receives: the settings, a logger and the services, nothing below. */
export interface Deps {
  config: Config;
  log: Logger;
  services: Services;
  /** What the server runs on timers (expired tokens, inboxes, audit retention). */
  maintenance: Maintenance;
}

/**
 * createDeps is the composition root: it wires the services over the infrastructure, and puts each
 * behind its scope map (services/scope-maps.ts), so every door's call checks its token's scopes.
 * Services call each other unwrapped: a call already admitted is not checked again.
 */
export function createDeps(infra: Infra): Deps {
  const { store, mailpit, relay, endpoints, bus, indexer, poller, leader, log, config, mailer } = infra;
  const events = createMailboxEventsService({ bus });
  const messages = createMessageService({ store, mailpit, events });
  const folders = createFolderService({ store, events });
  const mailbox = createMailboxService({ store, mailpit, events, folders, log });
  const accounts = createAccountServices({ store, config, log, events, mailer, mail: { mailpit, mailbox } });
  const { auth } = accounts;
  const submission = createSubmissionService({
    store,
    mailpit,
    relay,
    indexer,
    messages,
    trustFrom: config.smtp.trustFrom,
    limits: accounts.limits,
  });
  const maps = SCOPES;
  return {
    config,
    log,
    maintenance: accounts.maintenance!,
    services: {
      auth: withScopes(auth, maps.AUTH as ScopeMap<AuthService>),
      admin: withScopes(accounts.admin, maps.ADMIN),
      audit: withScopes(accounts.audit, maps.AUDIT),
      limits: accounts.limits,
      twoFactor: withScopes(accounts.twoFactor, maps.TWO_FACTOR),
      resets: accounts.resets,
      inboxes: withScopes(accounts.inboxes!, maps.INBOXES),
      mailbox: withScopes(mailbox, maps.MAILBOX),
      folders: withScopes(folders, maps.FOLDERS),
      drafts: withScopes(createDraftService({ store, mailpit, messages, mailbox, submission }), maps.DRAFTS),
      addresses: withScopes(accounts.addresses, maps.ADDRESSES),
      profile: withScopes(createProfileService({ store }), maps.PROFILE),
      mailClient: withScopes(createMailClientService({ store, auth, folders, mailbox, messages, events, submission }), maps.MAIL_CLIENT),
      messages: withScopes(messages, maps.MESSAGES),
      submission: withScopes(submission, maps.SUBMISSION),
      instance: withScopes(createInstanceService({ store, mailpit }), maps.INSTANCE),
      wait: withScopes(createWaitService({ store, bus, stillValid: auth.stillValid }), maps.WAIT),
      extract: withScopes(createExtractService({ messages }), maps.EXTRACT),
      events: withScopes(events, maps.EVENTS),
      smtp: withScopes(createSmtpService({ store, config, credentials: auth, endpoint: () => endpoints().smtp }), maps.SMTP),
      mailClients: withScopes(createMailClientsService({ config, endpoints, credentials: auth }), maps.MAIL_CLIENTS),
      health: createHealthService({ store, mailpit, poller, leader }),
    },
  };
}
