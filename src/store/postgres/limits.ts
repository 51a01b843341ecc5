import { RateLimiterPostgres } from "rate-limiter-flexible";
import type { LimitStore } from "../account-ports.js";
import { purgeLimits } from "../sql/account-stores.js";
import type { Runner } from "../sql/program.js";
import type { Pg } from "./client.js";

/** pgLimits counts rate limits in the shared rate_limits table, so replicas count together. */
export function pgLimits(db: Pg, run: Runner): LimitStore {
  return {
    limiter: (o) => new RateLimiterPostgres({ ...o, storeClient: db.$client, tableName: "rate_limits", tableCreated: true }),
    purge: (now) => purgeLimits(run, now),
  };
}
