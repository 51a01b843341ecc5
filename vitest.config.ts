import { defineConfig } from "vitest/config";

/** The suites run on SQLite, or on PostgreSQL with SANDPIT_TEST_STORE=postgres (one cluster per run). */
export default defineConfig({
  test: {
    dir: "test",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ["test/support/global-setup.ts"],
    // The replica suites need PostgreSQL: they run in the PostgreSQL pass (npm run test:postgres).
    exclude: ["**/node_modules/**", ...(process.env.SANDPIT_TEST_STORE === "postgres" ? [] : ["**/replicas/**"])],
  },
});
