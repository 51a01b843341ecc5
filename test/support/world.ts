import { randomBytes } from "node:crypto";
import { waitFor, type TestApp } from "./app.js";
import { deliver } from "./mail.js";
import type { TestMailpit } from "./mailpit.js";
import { jsonInit, registerUser, type TestUser } from "./users.js";

/** A 1×1 PNG, for attachment and inline-image parts. */
export const PNG_1PX = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** World is three registered users, one unregistered address, and a To/Cc/Bcc mix of mail. */
export interface World {
  alice: TestUser;
  bob: TestUser;
  carol: TestUser;
  /** An address nobody registered. */
  dave: string;
  ids: {
    /** SMTP from an app: To alice, Cc bob, Bcc carol (envelope only); carol is the first RCPT. */
    toAliceCcBobBccCarol: string;
    /** Sent by alice through Sandpit: To bob, Bcc carol. */
    aliceToBobBccCarol: string;
    /** SMTP to bob only. */
    bobOnly: string;
    /** SMTP to carol only: HTML, an attachment and an inline image. */
    carolRich: string;
    /** SMTP to the unregistered dave only. */
    daveOnly: string;
  };
}

/** uniq makes addresses unique per test so tests share one Sandpit without sharing mailboxes. */
export function uniq(name: string): string {
  return `${name}-${randomBytes(4).toString("hex")}@example.test`;
}

/** makeWorld registers alice, bob and carol and delivers the standard mix, waiting until indexed. */
export async function makeWorld(app: TestApp, mp: TestMailpit): Promise<World> {
  const [alice, bob, carol] = await Promise.all([uniq("alice"), uniq("bob"), uniq("carol")].map((e) => registerUser(app, e)));
  const a = alice!,
    b = bob!,
    c = carol!;
  const dave = uniq("dave");
  const raw = [
    "From: Shop <app@shop.test>",
    `To: ${a.email}`,
    `Cc: ${b.email}`,
    "Subject: order shipped",
    "",
    "Your order 4711 has shipped.",
    "",
  ].join("\r\n");
  const toAliceCcBobBccCarol = await deliver(mp.smtpPort, {
    from: "app@shop.test",
    raw,
    envelope: { from: "app@shop.test", to: [c.email, a.email, b.email] },
  });
  const sent = await a.json(
    "/api/v1/send",
    jsonInit("POST", { To: [{ Email: b.email, Name: "Bob" }], Bcc: [c.email], Subject: "lunch plans", Text: "pizza at noon?" }),
  );
  if (sent.status !== 200) throw new Error(`send failed: ${JSON.stringify(sent.body)}`);
  const bobOnly = await deliver(mp.smtpPort, { from: "noreply@bank.test", to: b.email, subject: "your statement", text: "balance 100" });
  const carolRich = await deliver(mp.smtpPort, {
    from: "news@paper.test",
    to: c.email,
    subject: "weekly digest",
    text: "plain digest",
    html: '<p>digest <img src="cid:logo@paper"></p><a href="https://paper.test/read">read</a>',
    attachments: [
      { filename: "chart.png", content: PNG_1PX, contentType: "image/png" },
      { filename: "logo.png", content: PNG_1PX, contentType: "image/png", cid: "logo@paper" },
    ],
  });
  const daveOnly = await deliver(mp.smtpPort, { from: "app@shop.test", to: dave, subject: "for dave", text: "hi dave" });
  const world: World = {
    alice: a,
    bob: b,
    carol: c,
    dave,
    ids: { toAliceCcBobBccCarol, aliceToBobBccCarol: sent.body.ID as string, bobOnly, carolRich, daveOnly },
  };
  await waitFor(
    async () =>
      (await listIds(c)).includes(carolRich) && (await listIds(b)).includes(bobOnly) && (await listIds(a)).includes(toAliceCcBobBccCarol),
    "world indexed",
  );
  return world;
}

/** listIds lists every message ID in a user's mailbox. */
export async function listIds(user: TestUser): Promise<string[]> {
  const r = await user.json("/api/v1/messages?limit=0");
  if (r.status !== 200) throw new Error(`list failed: ${r.status}`);
  return (r.body.messages as { ID: string }[]).map((m) => m.ID);
}
