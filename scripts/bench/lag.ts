import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { deliver } from "../../test/support/mail.js";
import type { TestUser } from "../../test/support/users.js";
import { getJson, target } from "./http.js";
import { summarize, type Stats } from "./stats.js";

/** LagResult: one message at a time straight into Mailpit's SMTP, until the recipient's list shows it. */
export interface LagResult {
  n: number;
  /** From Mailpit's SMTP accept until the user's first list that holds the message. */
  visible: Stats;
  /** Send until accept, for scale. */
  smtpAccept: Stats;
  /** Lists that did not hold it yet (each retried after 2 ms). */
  retries: number;
}

/** measureLag delivers `n` messages to `user` one by one and polls their list for each. */
export async function measureLag(smtpPort: number, url: string, user: TestUser, runId: string, n: number): Promise<LagResult> {
  const t = target("lag", url, { authorization: `Bearer ${user.token}` });
  const visible: number[] = [];
  const accept: number[] = [];
  let retries = 0;
  try {
    for (let i = 0; i < n; i++) {
      const sendAt = performance.now();
      const id = await deliver(smtpPort, { from: "lag@app.example", to: user.email, subject: `bench-${runId} lag ${i}`, text: `lag ${i}` });
      const acceptAt = performance.now();
      accept.push(acceptAt - sendAt);
      for (;;) {
        const page = await getJson<{ messages: { ID: string }[] }>(t, "/api/v1/messages?limit=5");
        if (page.messages.some((m) => m.ID === id)) break;
        if (performance.now() - acceptAt > 30_000) throw new Error(`message ${id} not in ${user.email}'s list 30 s after its SMTP accept`);
        retries += 1;
        await sleep(2);
      }
      visible.push(performance.now() - acceptAt);
    }
  } finally {
    await t.pool.destroy();
  }
  return { n, visible: summarize(visible), smtpAccept: summarize(accept), retries };
}
