import pg from "pg";
import type { Leadership, Signals } from "../ports.js";

/** The channel every Sandpit process on one database listens on. */
const CHANNEL = "sandpit_events";
/** An arbitrary, fixed advisory-lock key: the poller's lease. */
const POLLER_LOCK = 0x5a4e_d918;
/** How often a lease holder checks that its session (and so its lock) is still alive. */
const LEASE_CHECK_MS = 2_000;

/**
 * pgSignals publishes with NOTIFY and listens on a dedicated connection (LISTEN needs one
 * session). When that connection drops it reconnects with backoff and reports the gap.
 */
export function pgSignals(url: string, pool: pg.Pool): Signals {
  return {
    async publish(payload) {
      await pool.query("SELECT pg_notify($1, $2)", [CHANNEL, payload]);
    },
    async listen(onPayload, onGap) {
      let client: pg.Client | undefined;
      let stopped = false;
      let delay = 250;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: url, keepAlive: true });
        c.on("notification", (msg) => msg.channel === CHANNEL && msg.payload !== undefined && onPayload(msg.payload));
        c.on("error", () => undefined);
        c.on("end", () => {
          if (stopped || client !== c) return;
          setTimeout(() => void reconnect(), delay).unref();
          delay = Math.min(delay * 2, 5_000);
        });
        client = c;
        await c.connect();
        await c.query(`LISTEN ${CHANNEL}`);
        delay = 250;
      };
      const reconnect = async () => {
        if (stopped) return;
        try {
          await connect();
          onGap();
        } catch {
          setTimeout(() => void reconnect(), delay).unref();
          delay = Math.min(delay * 2, 5_000);
        }
      };
      await connect();
      return async () => {
        stopped = true;
        await client?.end().catch(() => undefined);
      };
    },
  };
}

/**
 * pgTryLead takes the poller's lease: a session advisory lock on a dedicated connection. It is
 * held while that session lives; a process killed with SIGKILL loses its connection, PostgreSQL
 * ends the session and frees the lock, and another replica's next try takes it.
 */
export async function pgTryLead(url: string): Promise<Leadership | undefined> {
  const client = new pg.Client({ connectionString: url, keepAlive: true });
  client.on("error", () => undefined);
  await client.connect();
  const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [POLLER_LOCK]);
  if (!rows[0]?.ok) {
    await client.end();
    return undefined;
  }
  let markLost = () => {};
  const lost = new Promise<void>((resolve) => (markLost = resolve));
  client.on("end", () => markLost());
  const check = setInterval(() => {
    client.query("SELECT 1").catch(() => {
      markLost();
      void client.end().catch(() => undefined);
    });
  }, LEASE_CHECK_MS);
  check.unref();
  void lost.then(() => clearInterval(check));
  return {
    lost,
    async release() {
      clearInterval(check);
      await client.end().catch(() => undefined);
    },
  };
}
