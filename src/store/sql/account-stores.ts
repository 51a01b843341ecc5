import { sql, type SQL } from "drizzle-orm";
import type { AccountStore, AuditStore, SecretStore } from "../account-ports.js";
import {
  accountCounts,
  expiredInboxes,
  inboxesOf,
  removeUser,
  searchUsers,
  setDisabled,
  setInboxQuota,
  setTotp,
} from "./account-programs.js";
import { appendAudit, expireAudit, listAudit } from "./audit-programs.js";
import { all, run as runSql, type Runner } from "./program.js";
import {
  addReset,
  dropResetsBefore,
  findReset,
  recoveryCodesLeft,
  setRecoveryCodes,
  useRecoveryCode,
  useReset,
} from "./secret-programs.js";

/** The account ports whose operations are programs: the same code serves SQLite and PostgreSQL. */

/** accountStore serves the account ports; `sizeSql` is the dialect's query for the database's size (`n`). */
export function accountStore(run: Runner, sizeSql: SQL): AccountStore {
  return {
    bytes: async () => Number((await run(all(sizeSql)))[0]?.n ?? 0),
    search: (q) => run(searchUsers(q)),
    setDisabled: (userId, at) => run(setDisabled(userId, at)),
    remove: (userId) => run(removeUser(userId)),
    setTotp: (userId, secret, enabledAt) => run(setTotp(userId, secret, enabledAt)),
    setInboxQuota: (userId, quota) => run(setInboxQuota(userId, quota)),
    inboxesOf: (userId) => run(inboxesOf(userId)),
    expiredInboxes: (now) => run(expiredInboxes(now)),
    counts: () => run(accountCounts()),
  };
}

export function auditStore(run: Runner): AuditStore {
  return {
    append: (e) => run(appendAudit(e)),
    list: (f) => run(listAudit(f)),
    expire: (before) => run(expireAudit(before)),
  };
}

export function secretStore(run: Runner): SecretStore {
  return {
    addReset: (r) => run(addReset(r)),
    findReset: (id, now) => run(findReset(id, now)),
    useReset: (id, now) => run(useReset(id, now)),
    dropResetsBefore: (ms) => run(dropResetsBefore(ms)),
    setRecoveryCodes: (userId, hashes) => run(setRecoveryCodes(userId, hashes)),
    useRecoveryCode: (userId, hash, now) => run(useRecoveryCode(userId, hash, now)),
    recoveryCodesLeft: (userId) => run(recoveryCodesLeft(userId)),
  };
}

/** purgeLimits deletes expired rate-limit counters (rate-limiter-flexible's own table). */
export function purgeLimits(run: Runner, now: number): Promise<number> {
  return run(runSql(sql`DELETE FROM rate_limits WHERE expire IS NOT NULL AND expire < ${now}`));
}
