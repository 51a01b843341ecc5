import net, { type AddressInfo } from "node:net";
import tls from "node:tls";
import type { Deps } from "../../deps.js";
import type { TlsPair } from "../../lib/tls.js";
import { anyCommands, capabilities } from "./commands/any.js";
import { appendCommands } from "./commands/append.js";
import { authCommands } from "./commands/auth.js";
import { expungeCommands } from "./commands/expunge.js";
import { fetchCommands } from "./commands/fetch.js";
import { idleCommands } from "./commands/idle.js";
import { manageCommands } from "./commands/manage.js";
import { searchCommands } from "./commands/search.js";
import { mailboxCommands } from "./commands/mailboxes.js";
import { selectCommands } from "./commands/select.js";
import { storeCommands } from "./commands/store.js";
import { Session, type Table } from "./session.js";

/** ImapDoor is Sandpit's running IMAP server: STARTTLS on `port`, implicit TLS on `tlsPort` when configured. */
export interface ImapDoor {
  port: number;
  tlsPort: number | undefined;
  close(): Promise<void>;
}

const COMMANDS: Table = {
  ...anyCommands,
  ...authCommands,
  ...mailboxCommands,
  ...manageCommands,
  ...selectCommands,
  ...fetchCommands,
  ...storeCommands,
  ...expungeCommands,
  ...searchCommands,
  ...appendCommands,
  ...idleCommands,
};

/** A client idle this long is logged out (RFC 3501 §5.4 asks for at least 30 minutes). */
const IDLE_MS = 30 * 60_000;

/**
 * startImap serves every user's private mailbox to mail clients (DESIGN §1, §3). It only speaks the
 * protocol: who may log in, which messages and folders are whose, and every flag are the services'.
 */
export async function startImap({ config, log, services }: Deps, pair: TlsPair): Promise<ImapDoor> {
  // Sessions, not sockets: after STARTTLS a session speaks on its TLS socket, never in the clear again.
  const sessions = new Set<Session>();
  const door = { services, log, table: COMMANDS, tls: tls.createSecureContext(pair) };
  const greet = (socket: net.Socket, secure: boolean) => {
    socket.on("error", () => undefined);
    socket.setNoDelay(true);
    socket.setTimeout(IDLE_MS, () => {
      socket.end("* BYE idle for too long\r\n");
    });
    const session = new Session(socket, door, secure);
    sessions.add(session);
    socket.on("close", () => sessions.delete(session));
    socket.write(`* OK [CAPABILITY ${capabilities(session)}] Sandpit IMAP ready\r\n`);
  };
  const plain = net.createServer((socket) => greet(socket, false));
  const port = await listen(plain, config.imap.port, config.imap.host);
  const secure =
    config.imap.tlsPort === undefined ? undefined : tls.createServer({ key: pair.key, cert: pair.cert }, (socket) => greet(socket, true));
  const tlsPort = secure && (await listen(secure, config.imap.tlsPort!, config.imap.host));
  return {
    port,
    tlsPort,
    async close() {
      for (const s of sessions) s.socket.end("* BYE Sandpit is shutting down\r\n");
      const servers = secure ? [plain, secure] : [plain];
      await Promise.all(servers.map((srv) => new Promise<void>((resolve) => srv.close(() => resolve()))));
    },
  };
}

/** listen starts a server on host:port (0: a free port) and answers the port it got. */
async function listen(server: net.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
