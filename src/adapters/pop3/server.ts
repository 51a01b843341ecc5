import net, { type AddressInfo } from "node:net";
import tls from "node:tls";
import type { Deps } from "../../deps.js";
import type { TlsPair } from "../../lib/tls.js";
import { pop3Commands } from "./commands.js";
import { Pop3Session } from "./session.js";

/** Pop3Door is Sandpit's running POP3 server: STLS on `port`, implicit TLS on `tlsPort` when configured. */
export interface Pop3Door {
  port: number;
  tlsPort: number | undefined;
  close(): Promise<void>;
}

/** RFC 1939 §3: an inactivity timer of at least 10 minutes. */
const IDLE_MS = 10 * 60_000;

/**
 * startPop3 serves every user's Inbox to mail clients that download (DESIGN §1, §3). It only speaks
 * the protocol; who may log in and which messages are whose are the services' (mail-client.ts).
 */
export async function startPop3({ config, log, services }: Deps, pair: TlsPair): Promise<Pop3Door> {
  // Sessions, not sockets: after STARTTLS a session speaks on its TLS socket, never in the clear again.
  const sessions = new Set<Pop3Session>();
  const door = { services, log, table: pop3Commands, tls: tls.createSecureContext(pair) };
  const greet = (socket: net.Socket, secure: boolean) => {
    socket.on("error", () => undefined);
    socket.setNoDelay(true);
    const session = new Pop3Session(socket, door, secure);
    // The goodbye goes out on the session's socket: after STLS that is the TLS one, never the clear one.
    socket.setTimeout(IDLE_MS, () => session.socket.end("-ERR idle for too long\r\n"));
    sessions.add(session);
    socket.on("close", () => sessions.delete(session));
    socket.write("+OK Sandpit POP3 ready\r\n");
  };
  const plain = net.createServer((socket) => greet(socket, false));
  const port = await listen(plain, config.pop3.port, config.pop3.host);
  const secure =
    config.pop3.tlsPort === undefined ? undefined : tls.createServer({ key: pair.key, cert: pair.cert }, (socket) => greet(socket, true));
  const tlsPort = secure && (await listen(secure, config.pop3.tlsPort!, config.pop3.host));
  return {
    port,
    tlsPort,
    async close() {
      for (const s of sessions) s.socket.end("-ERR Sandpit is shutting down\r\n");
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
