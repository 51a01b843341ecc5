import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../../src/mailpit/supervisor.js";

/** TestPostgres is a throwaway PostgreSQL cluster on a free loopback port, in a temporary folder. */
export interface TestPostgres {
  /** url of the cluster's `postgres` database, as the superuser `sandpit`. */
  adminUrl: string;
  /** pause stops the server (an outage: every connection ends), keeping its data; resume starts it again. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** pgBin finds PostgreSQL's server programs: PG_BIN, Debian's /usr/lib/postgresql/<v>/bin, or PATH. */
export function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) if (fs.existsSync(path.join(root, v, "bin", "initdb"))) return path.join(root, v, "bin");
  try {
    return path.dirname(execFileSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).trim());
  } catch {
    throw new Error("PostgreSQL's server programs (initdb, pg_ctl) are missing: install Debian's postgresql package or set PG_BIN");
  }
}

/**
 * startPostgres runs initdb and pg_ctl (as the `postgres` user when this process is root, which
 * PostgreSQL refuses to run as) with fsync off: a test cluster, never a durable one.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = pgBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const run = (prog: string, args: string[]) => {
    const cmd = asRoot ? ["runuser", "-u", "postgres", "--", path.join(bin, prog), ...args] : [path.join(bin, prog), ...args];
    const r = spawnSync(cmd[0]!, cmd.slice(1), { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${prog} failed: ${r.stderr || r.stdout || r.error?.message}`);
  };
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-U", "sandpit", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  const start = () => run("pg_ctl", ["-D", data, "-o", opts, "-l", path.join(dir, "log"), "-w", "start"]);
  start();
  return {
    adminUrl: `postgres://sandpit@127.0.0.1:${port}/postgres`,
    pause: async () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]),
    resume: async () => start(),
    async stop() {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** createDatabase makes a fresh, empty database in the cluster and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
