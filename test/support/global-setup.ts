import type { TestProject } from "vitest/node";
import { startPostgres, type TestPostgres } from "./postgres.js";

let cluster: TestPostgres | undefined;

/** setup starts one PostgreSQL cluster for the whole run when the suites run on PostgreSQL. */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.SANDPIT_TEST_STORE !== "postgres") return;
  cluster = await startPostgres();
  project.provide("pgAdminUrl", cluster.adminUrl);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
