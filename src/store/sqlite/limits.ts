import { RateLimiterSQLite } from "rate-limiter-flexible";
import type { LimitStore } from "../account-ports.js";
import { purgeLimits } from "../sql/account-stores.js";
import type { Runner } from "../sql/program.js";
import type { Db } from "./client.js";

/** sqliteLimits counts rate limits in the database's rate_limits table (made by the migrations). */
export function sqliteLimits(db: Db, run: Runner): LimitStore {
  return {
    limiter: (o) =>
      new RateLimiterSQLite({ ...o, storeClient: db.$client, storeType: "better-sqlite3", tableName: "rate_limits", tableCreated: true }),
    purge: (now) => purgeLimits(run, now),
  };
}
