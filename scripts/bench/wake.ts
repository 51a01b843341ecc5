import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { deliver } from "../../test/support/mail.js";
import type { TestUser } from "../../test/support/users.js";
import { summarize, type Stats } from "./stats.js";

/** WakeResult: from SMTP accept until a waiting call (REST long-poll or MCP tool) returned. */
export interface WakeResult {
  n: number;
  rest: Stats;
  mcp: Stats;
}

/**
 * measureWake times `GET /api/v1/wait` and the MCP `wait_for_message` tool: each waits for a
 * unique subject, a message with that subject is delivered over SMTP once the wait is in flight,
 * and the time from SMTP accept to the waiting call returning is recorded.
 */
export async function measureWake(url: string, smtpPort: number, user: TestUser, runId: string, n: number): Promise<WakeResult> {
  const client = new Client({ name: "sandpit-bench", version: "1" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${user.token}` } } }),
  );
  const rest: number[] = [];
  const mcp: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      for (const kind of ["rest", "mcp"] as const) {
        const subject = `bench-${runId}-wake-${kind}-${i}`;
        const since = new Date().toISOString();
        const waiting =
          kind === "rest"
            ? user
                .fetch(`/api/v1/wait?subject=${encodeURIComponent(subject)}&since=${encodeURIComponent(since)}&timeout=30`)
                .then(async (r) => {
                  if (r.status !== 200) throw new Error(`wait answered ${r.status}: ${await r.text()}`);
                  await r.arrayBuffer();
                })
            : client.callTool({ name: "wait_for_message", arguments: { subject, since, timeout_seconds: 30 } }).then((r) => {
                if (r.isError) throw new Error(`wait_for_message failed: ${JSON.stringify(r.content)}`);
              });
        const returned = waiting.then(() => performance.now());
        // Let the wait reach the server and subscribe first, so this measures a wake-up rather
        // than the initial check finding a message that is already there.
        await sleep(15);
        await deliver(smtpPort, { from: "wake@app.example", to: user.email, subject, text: "wake probe" });
        const acceptAt = performance.now();
        (kind === "rest" ? rest : mcp).push(Math.max(0, (await returned) - acceptAt));
      }
    }
  } finally {
    await client.close();
  }
  return { n, rest: summarize(rest), mcp: summarize(mcp) };
}
