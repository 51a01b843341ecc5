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
import { createAdminService, type AdminService } from "./services/admin.js";
import { createAuthService, type AuthService } from "./services/auth.js";
import { createExtractService, type ExtractService } from "./services/extract.js";
import { createHealthService, type HealthService } from "./services/health.js";
import { createInstanceService, type InstanceService } from "./services/instance.js";
import { createMailboxEventsService, type MailboxEventsService } from "./services/mailbox-events.js";
import { createAddressService, type AddressService } from "./services/addresses.js";
import { createMailClientService, type MailClientService } from "./services/mail-client.js";
import { createProfileService, type ProfileService } from "./services/profile.js";
import { createDraftService, type DraftService } from "./services/drafts.js";
import { createFolderService, type FolderService } from "./services/folders.js";
import { createMailboxService, type MailboxService } from "./services/mailbox.js";
import { createMessageService, type MessageService } from "./services/messages.js";
import { createSubmissionService, type SubmissionService } from "./services/submission.js";
import { createWaitService, type WaitService } from "./services/wait.js";
import type { Store } from "./store/ports.js";

/** Services is the one service layer that REST, MCP, the UI and the CLI all call. */
export interface Services {
  auth: AuthService;
  admin: AdminService;
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
}

/** Deps is what every adapter receives: the settings, a logger and the services, nothing below. */
export interface Deps {
  config: Config;
  log: Logger;
  services: Services;
}

/** createDeps is the composition root: it wires the services over the infrastructure. */
export function createDeps(infra: Infra): Deps {
  const { store, mailpit, relay, endpoints, bus, indexer, poller, leader, log, config } = infra;
  const events = createMailboxEventsService({ bus });
  const messages = createMessageService({ store, mailpit, events });
  const auth = createAuthService({ store, config });
  const folders = createFolderService({ store, events });
  const mailbox = createMailboxService({ store, mailpit, events, folders, log });
  const submission = createSubmissionService({ store, mailpit, relay, indexer, messages, trustFrom: config.smtp.trustFrom });
  return {
    config,
    log,
    services: {
      auth,
      admin: createAdminService({ store }),
      mailbox,
      folders,
      drafts: createDraftService({ store, mailpit, messages, mailbox, submission }),
      addresses: createAddressService({ store, config, events }),
      profile: createProfileService({ store }),
      mailClient: createMailClientService({ store, auth, folders, mailbox, messages, events, submission }),
      messages,
      submission,
      instance: createInstanceService({ store, mailpit }),
      wait: createWaitService({ store, bus, stillValid: auth.stillValid }),
      extract: createExtractService({ messages }),
      events,
      smtp: createSmtpService({ store, config, endpoint: () => endpoints().smtp }),
      mailClients: createMailClientsService({ config, endpoints }),
      health: createHealthService({ store, mailpit, poller, leader }),
    },
  };
}
