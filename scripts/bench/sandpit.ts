import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import type { TestMailpit } from "../../test/support/mailpit.js";
import { createDatabase, type TestPostgres } from "../../test/support/postgres.js";
import { startReplica, type Replica } from "../../test/support/replica.js";

export type StoreKind = "sqlite" | "postgres";

/** Store is where one bench Sandpit keeps its index: a data folder (SQLite) or a database (PostgreSQL). */
export interface BenchStore {
  kind: StoreKind;
  env: Record<string, string>;
  /** count is how many messages the index holds, read straight from the store. */
  count(): Promise<number>;
  /** bytes is the store's size on disk (SQLite file and WAL) or in PostgreSQL. */
  bytes(): Promise<number>;
  close(): Promise<void>;
}

/** openStore makes an empty store of one kind (a new database in `cluster` for PostgreSQL). */
export async function openStore(kind: StoreKind, dataDir: string, cluster: TestPostgres | undefined, name: string): Promise<BenchStore> {
  if (kind === "sqlite") {
    const file = path.join(dataDir, "sandpit.db");
    let db: Database.Database | undefined;
    return {
      kind,
      env: { SANDPIT_DATA_DIR: dataDir },
      async count() {
        if (!fs.existsSync(file)) return 0;
        db ??= new Database(file, { readonly: true, fileMustExist: true });
        return (db.prepare("SELECT count(*) AS n FROM messages").get() as { n: number }).n;
      },
      async bytes() {
        return ["", "-wal", "-shm"].reduce((n, s) => n + (fs.existsSync(file + s) ? fs.statSync(file + s).size : 0), 0);
      },
      async close() {
        db?.close();
      },
    };
  }
  if (!cluster) throw new Error("a PostgreSQL store needs the bench's cluster");
  const url = await createDatabase(cluster.adminUrl, name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const one = async (q: string) => Number(Object.values((await client.query(q)).rows[0] ?? { n: 0 })[0]);
  return {
    kind,
    env: { SANDPIT_DATA_DIR: dataDir, SANDPIT_DATABASE_URL: url },
    count: async () => {
      const exists = await one("SELECT count(*) FROM pg_tables WHERE tablename = 'messages'");
      return exists ? one("SELECT count(*) FROM messages") : 0;
    },
    bytes: () => one("SELECT pg_database_size(current_database())"),
    close: () => client.end(),
  };
}

/** The bench measures the doors, not their limits: registrations of BENCH_USERS users and SMTP sends are not capped. */
export const BENCH_ENV = {
  SANDPIT_RECONCILE_SECONDS: "30",
  SANDPIT_LOG: "warn",
  SANDPIT_REGISTRATIONS_PER_HOUR: "0",
  SANDPIT_SMTP_MESSAGES_PER_MINUTE: "10000000",
  SANDPIT_SENDS_PER_MINUTE: "0",
};

/**
 * startSandpit runs the compiled server (`npm start`'s dist/main.js) as its own process in front of
 * `mp`, on `store`; BENCH_PROFILE=dir adds a CPU profile of it. Resolves once /readyz answers
 * (unless `waitReady` is false: an empty index is ready only once its first walk has indexed Mailpit).
 */
export async function startSandpit(mp: TestMailpit, store: BenchStore, o: { waitReady?: boolean } = {}): Promise<Replica> {
  const profile = process.env.BENCH_PROFILE;
  const r = await startReplica(
    { MAILPIT_URL: mp.apiUrl, MAILPIT_SMTP: `127.0.0.1:${mp.smtpPort}`, ...BENCH_ENV, ...store.env },
    { compiled: true, nodeArgs: profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [] },
  );
  if (o.waitReady !== false) await r.ready();
  return r;
}

/** rssMb is a process's resident memory (Linux /proc), or null where there is none. */
export function rssMb(pid: number | undefined): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Math.round((Number(kb) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

/** restartToReady stops a Sandpit and times a new process on the same store until /readyz answers 200. */
export async function restartToReady(old: Replica, start: () => Promise<Replica>): Promise<{ ms: number; replica: Replica }> {
  await old.stop();
  const t = performance.now();
  const replica = await start();
  return { ms: performance.now() - t, replica };
}
