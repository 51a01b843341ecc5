import type { Config } from "./config.js";
import type { Db } from "./db/client.js";
import type { Indexer } from "./indexer/indexer.js";
import type { Logger } from "./lib/log.js";
import type { MailpitClient } from "./mailpit/client.js";
import { createAuthService, type AuthService } from "./services/auth.js";
import { createExtractService, type ExtractService } from "./services/extract.js";
import { createInstanceService, type InstanceService } from "./services/instance.js";
import { createMailboxService, type MailboxService } from "./services/mailbox.js";
import { createMessageService, type MessageService } from "./services/messages.js";
import { createSendService, type SendService } from "./services/send.js";
import { createWaitService, type WaitService } from "./services/wait.js";

/** Services is the one service layer that REST, MCP and the UI all call. */
export interface Services {
  auth: AuthService;
  mailbox: MailboxService;
  messages: MessageService;
  send: SendService;
  instance: InstanceService;
  wait: WaitService;
  extract: ExtractService;
}

/** Deps is what every adapter receives: config, infrastructure and the services. */
export interface Deps {
  config: Config;
  db: Db;
  log: Logger;
  mailpit: MailpitClient;
  indexer: Indexer;
  services: Services;
}

/** createDeps is the composition root: it wires services over the infrastructure it is given. */
export function createDeps(infra: Omit<Deps, "services">): Deps {
  const { db, mailpit, indexer, log, config } = infra;
  const messages = createMessageService({ db, mailpit });
  const auth = createAuthService({ db, config });
  return {
    ...infra,
    services: {
      auth,
      mailbox: createMailboxService({ db, mailpit, log }),
      messages,
      send: createSendService({ db, mailpit, indexer }),
      instance: createInstanceService({ db, mailpit }),
      wait: createWaitService({ db, indexer, stillValid: auth.stillValid }),
      extract: createExtractService({ messages }),
    },
  };
}
