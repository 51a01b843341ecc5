import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as core from "./schema.js";
import * as side from "./schema-side.js";

const schema = { ...core, ...side };

/** Pg is the drizzle handle over a pool; `$client` is the pool. */
export type Pg = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/** openPg connects a pool to `url` (postgres://…); connections are opened on first use. */
export function openPg(url: string): Pg {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server (a restart) is dropped by the pool; queries then reconnect.
  pool.on("error", () => undefined);
  return drizzle({ client: pool, schema }) as Pg;
}
