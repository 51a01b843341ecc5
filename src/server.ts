import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { ConfigError, isLoopback, type Config } from "./config.js";
import { createDeps, type Deps } from "./deps.js";
import { createBus, type EventBus } from "./events/bus.js";
import { createMessageIndexer } from "./index/index-message.js";
import { lead } from "./index/leader.js";
import { createPoller, type Poller } from "./index/poller.js";
import type { Endpoints } from "./lib/endpoints.js";
import { createLogger, type Logger } from "./lib/log.js";
import { startImap } from "./adapters/imap/server.js";
import { startPop3 } from "./adapters/pop3/server.js";
import { startSmtp } from "./adapters/smtp/server.js";
import { loadTls } from "./lib/tls.js";
import { createMailpitClient } from "./mailpit/client.js";
import { createRelay } from "./mailpit/relay.js";
import { createMailer } from "./outbound/mailer.js";
import { assertPortFree } from "./mailpit/stale.js";
import { resolveMailpitBin, startManagedMailpit, type ManagedMailpit } from "./mailpit/supervisor.js";
import { openStore } from "./store/index.js";

/** How often throwaway inboxes past their end are looked for (they stop authenticating at once anyway). */
const INBOX_SWEEP_MS = 5_000;

/** RunningServer is a started Sandpit: where it listens, where mail goes in, and how to stop it. */
export interface RunningServer {
  url: string;
  port: number;
  /** Sandpit's SMTP server, where apps deliver and users submit mail. */
  smtp: { host: string; port: number };
  /** Sandpit's IMAP server: each user's private mailbox for mail clients. */
  imap: { host: string; port: number; tlsPort: number | undefined };
  /** Sandpit's POP3 server: each user's Inbox for mail clients that download. */
  pop3: { host: string; port: number; tlsPort: number | undefined };
  /** Mailpit's internal SMTP, which only Sandpit relays to (undefined: none configured). */
  mailpitSmtp: { host: string; port: number } | undefined;
  mailpitUrl: string;
  deps: Deps;
  /** The index poller and the event bus, for diagnostics (tests and the bench watch them). */
  poller: Poller;
  bus: EventBus;
  managed: ManagedMailpit | undefined;
  close(): Promise<void>;
}

/**
 * startServer opens and migrates the store, starts (or connects to) Mailpit, starts the poller
 * and listens. `config.http.port` 0 picks a free port. Nothing here reads process.env.
 */
export async function startServer(config: Config, opts: { log?: Logger } = {}): Promise<RunningServer> {
  const log = opts.log ?? createLogger(config.log);
  if (config.db.kind === "postgres" && config.mailpit.kind === "managed") {
    throw new ConfigError([
      "SANDPIT_DATABASE_URL: PostgreSQL is for several replicas, which share one Mailpit: set MAILPIT_URL (and MAILPIT_SMTP); the managed Mailpit serves one process only",
    ]);
  }
  if (config.smtp.port) await assertPortFree(config.smtp.host, config.smtp.port, "the SMTP port", "SANDPIT_SMTP_PORT");
  if (config.imap.port) await assertPortFree(config.imap.host, config.imap.port, "the IMAP port", "SANDPIT_IMAP_PORT");
  if (config.pop3.port) await assertPortFree(config.pop3.host, config.pop3.port, "the POP3 port", "SANDPIT_POP3_PORT");
  const store = await openStore(config);

  let managed: ManagedMailpit | undefined;
  let mailpitUrl: string;
  let mailpitSmtp: RunningServer["mailpitSmtp"];
  if (config.mailpit.kind === "managed") {
    // Mailpit's SMTP is internal: on loopback, on a free port, reached only by Sandpit's relay.
    managed = await startManagedMailpit({
      bin: resolveMailpitBin(config.mailpit.bin),
      httpPort: config.mailpit.httpPort,
      smtpHost: "127.0.0.1",
      smtpPort: 0,
      databasePath: config.mailpit.databasePath,
      log,
    });
    mailpitUrl = managed.url;
    mailpitSmtp = managed.smtp;
  } else {
    mailpitUrl = config.mailpit.url;
    const [host, port] = (config.mailpit.smtp ?? "").split(":");
    mailpitSmtp = host && port ? { host, port: Number(port) } : undefined;
  }
  const relay = mailpitSmtp && createRelay(mailpitSmtp, { timeoutMs: config.mailpit.timeoutMs });

  const mailpit = createMailpitClient({ baseUrl: mailpitUrl, timeoutMs: config.mailpit.timeoutMs });
  const bus = await createBus(store.signals);
  const indexer = createMessageIndexer({ store, mailpit, bus });
  const poller = createPoller({ store, mailpit, indexer, mailpitUrl: () => mailpitUrl, log, reconcileMs: config.indexer.reconcileMs });
  // The replica that takes the lease starts the poller (at once, for the only process on SQLite).
  const leader = lead({ store, poller, log, retryMs: config.indexer.leaderRetryMs });
  const endpoints: Endpoints = {
    smtp: { host: config.smtp.host, port: config.smtp.port },
    imap: { ...config.imap },
    pop3: { ...config.pop3 },
  };
  const mailer = config.accounts.relay.url ? createMailer(config.accounts.relay.url) : undefined;
  const deps = createDeps({ config, log, store, mailpit, relay, endpoints: () => endpoints, bus, indexer, poller, leader, mailer });
  const app = createApp(deps);
  if (!relay) log.warn("no MAILPIT_SMTP: Sandpit's SMTP answers 451 to every message until it is set");
  // One certificate for every door's TLS (SMTP, IMAP and POP3 STARTTLS, and the implicit-TLS ports).
  const tls = await loadTls(config.smtp.tls, config.dataDir);
  const smtpDoor = await startSmtp(deps, tls);
  const smtp = Object.assign(endpoints.smtp, { port: smtpDoor.port });
  const imapDoor = await startImap(deps, tls);
  const imap = Object.assign(endpoints.imap, { port: imapDoor.port, tlsPort: imapDoor.tlsPort });
  const pop3Door = await startPop3(deps, tls);
  const pop3 = Object.assign(endpoints.pop3, { port: pop3Door.port, tlsPort: pop3Door.tlsPort });

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.http.host, port: config.http.port }, () => resolve(s));
    s.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  // Expired tokens no longer authenticate; they are also deleted, at start and hourly, with
  // reset links, rate-limit counters and audit rows past retention. Throwaway inboxes end on time.
  void deps.maintenance.hourly();
  const purger = setInterval(() => void deps.maintenance.hourly(), 3_600_000);
  purger.unref();
  const ender = setInterval(() => void deps.maintenance.often(), INBOX_SWEEP_MS);
  ender.unref();
  const host = config.http.host.includes(":") ? `[${config.http.host}]` : config.http.host;
  const url = `http://${host === "0.0.0.0" || host === "[::]" ? "127.0.0.1" : host}:${port}`;
  if (config.auth.mode === "open" && !isLoopback(config.http.host)) {
    log.warn("open auth mode on a non-loopback address: anyone who can reach Sandpit can register any address", {
      host: config.http.host,
    });
  }
  if (config.auth.mode === "password" && config.auth.registration === "open" && !isLoopback(config.http.host)) {
    log.warn(
      "password mode with open registration on a non-loopback address: anyone who can reach Sandpit can create an account; set SANDPIT_REGISTRATION=closed to stop that",
      {
        host: config.http.host,
      },
    );
  }
  log.info("sandpit listening", {
    url,
    mailpit: mailpitUrl,
    smtp: `${smtp.host}:${smtp.port}`,
    imap: `${imap.host}:${imap.port}`,
    pop3: `${pop3.host}:${pop3.port}`,
    auth: config.auth.mode,
  });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    smtp,
    imap,
    pop3,
    mailpitSmtp,
    mailpitUrl,
    deps,
    poller,
    bus,
    managed,
    close() {
      closing ??= (async () => {
        clearInterval(purger);
        clearInterval(ender);
        await smtpDoor.close();
        await imapDoor.close();
        await pop3Door.close();
        await leader.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await mailpit.close();
        relay?.close();
        mailer?.close();
        await managed?.stop();
        await bus.close();
        await store.close();
      })();
      return closing;
    },
  };
}
