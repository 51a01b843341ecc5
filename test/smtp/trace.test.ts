import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { rawDb } from "../support/db.js";
import { deliver } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { accepted, submit } from "../support/mail.js";
import { registerUser, type TestUser } from "../support/users.js";
import { listIds, uniq } from "../support/world.js";

const stack = useStack({ SANDPIT_RECONCILE_SECONDS: "0.5" });
let carol: TestUser, dave: TestUser, erin: TestUser;

beforeAll(async () => {
  [carol, dave, erin] = (await Promise.all(["carol", "dave", "erin"].map((n) => registerUser(stack.app, uniq(n))))) as [
    TestUser,
    TestUser,
    TestUser,
  ];
});

/** pendingEnvelope records an envelope as Sandpit does before relaying, as if it then died. */
async function pendingEnvelope(rcpts: string[], createdMs = Date.now()): Promise<string> {
  const id = randomBytes(16).toString("base64url");
  const db = await rawDb(stack.app);
  await db.query(
    "INSERT INTO envelopes (id, message_id, auth_user_id, mail_from, rcpts_json, senders_json, created_ms) VALUES (?, NULL, NULL, ?, ?, ?, ?)",
    [id, "app@shop.test", JSON.stringify(rcpts), "[]", createdMs],
  );
  await db.close();
  return id;
}

/** relayedBehindSandpit is a message in Mailpit carrying Sandpit's trace field for `envelopeId`. */
function traced(envelopeId: string, subject: string): string {
  return [
    `Received: from app.test ([127.0.0.1])`,
    `\tby sandpit with ESMTP id ${envelopeId};`,
    `\t${new Date().toUTCString()}`,
    `From: app@shop.test`,
    `To: ${carol.email}`,
    `Bcc: nobody@nowhere.test`,
    `Subject: ${subject}`,
    ``,
    `x`,
  ].join("\r\n");
}

describe("a message Sandpit relayed but never acknowledged finds its envelope", () => {
  it("is owned by the envelope its trace field names, envelope-only recipients included", async () => {
    const env = await pendingEnvelope([carol.email, dave.email]);
    const id = await deliver(stack.mp.smtpPort, {
      from: "app@shop.test",
      raw: traced(env, "orphan"),
      envelope: { from: "app@shop.test", to: [carol.email, dave.email] },
    });
    await waitFor(async () => (await listIds(dave)).includes(id), "dave owns it by the envelope", 15_000);
    expect(await listIds(carol)).toContain(id);
    expect(await listIds(erin)).not.toContain(id);
  });

  it("claims nothing with a forged trace field naming another message's envelope, or a stale one", async () => {
    const first = accepted(await submit(stack.app.server.smtp.port, { from: "app@shop.test", to: dave.email, subject: "real", text: "x" }));
    const raw = await (await fetch(`${stack.mp.apiUrl}/api/v1/message/${first}/raw`)).text();
    const used = /by sandpit with ESMTP id (\S+);/.exec(raw)![1]!;
    const stale = await pendingEnvelope([carol.email, dave.email], Date.now() - 3_600_000);
    const ids: string[] = [];
    for (const env of [used, stale]) {
      // Delivered behind Sandpit's back (an external Mailpit fed by others): headers decide.
      ids.push(
        await deliver(stack.mp.smtpPort, {
          from: "app@shop.test",
          raw: traced(env, "forged"),
          envelope: { from: "app@shop.test", to: [carol.email, dave.email] },
        }),
      );
    }
    await waitFor(async () => (await listIds(carol)).filter((i) => ids.includes(i)).length === 2, "carol (in To) owns both", 15_000);
    const davesIds = await listIds(dave);
    expect(davesIds).toContain(first);
    expect(davesIds.filter((i) => ids.includes(i))).toEqual([]);
  });
});
