import net, { type AddressInfo } from "node:net";
import type { Deps } from "../../deps.js";
import { anyCommands, CAPABILITIES } from "./commands/any.js";
import { authCommands } from "./commands/auth.js";
import { fetchCommands } from "./commands/fetch.js";
import { mailboxCommands } from "./commands/mailboxes.js";
import { selectCommands } from "./commands/select.js";
import { storeCommands } from "./commands/store.js";
import { Session, type Table } from "./session.js";

/** ImapDoor is Sandpit's running IMAP server. */
export interface ImapDoor {
  port: number;
  close(): Promise<void>;
}

const COMMANDS: Table = { ...anyCommands, ...authCommands, ...mailboxCommands, ...selectCommands, ...fetchCommands, ...storeCommands };

/** A client idle this long is logged out (RFC 3501 §5.4 asks for at least 30 minutes). */
const IDLE_MS = 30 * 60_000;

/**
 * startImap serves every user's private mailbox to mail clients (DESIGN §1, §3). It only speaks the
 * protocol: who may log in, which messages and folders are whose, and every flag are the services'.
 */
export async function startImap({ config, log, services }: Deps): Promise<ImapDoor> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.setNoDelay(true);
    socket.setTimeout(IDLE_MS, () => {
      socket.end("* BYE idle for too long\r\n");
    });
    new Session(socket, services, log, COMMANDS);
    socket.write(`* OK [CAPABILITY ${CAPABILITIES}] Sandpit IMAP ready\r\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.imap.port, config.imap.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const s of sockets) s.end("* BYE Sandpit is shutting down\r\n");
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
