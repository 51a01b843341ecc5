import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser, type TestUser } from "../support/users.js";
import { listIds } from "../support/world.js";

/**
 * Search through the trigram index (#13) answers what Mailpit's own search answers over the same
 * messages: every message in this file's Mailpit is sam's, so the two searches see the same mail.
 */
const stack = useStack();
let sam: TestUser;
const ids: string[] = [];

const MAIL = [
  { subject: "Quarterly report", text: "The quarterly numbers are in. The build failed twice." },
  { subject: "Deploy notes", text: 'Deploy said "ok" (twice): a*b - c:d, x-ray zq' },
  { subject: "Status", html: "<p>A failed deploy of build 7</p>" },
  { subject: "Hello", text: "hi there, nothing failed" },
  { subject: "Gone soon", text: "quarterly failed deploy, to be deleted" },
  { subject: "Gone behind Sandpit's back", text: "quarterly failed deploy, deleted in Mailpit" },
];

beforeAll(async () => {
  sam = await registerUser(stack.app, "sam-search@example.test");
  for (const [i, m] of MAIL.entries()) {
    ids.push(await deliver(stack.mp.smtpPort, { from: "app@shop.test", to: sam.email, headers: { "Message-ID": `<m${i}@t.test>` }, ...m }));
  }
  await waitFor(async () => (await listIds(sam)).length === MAIL.length, "indexed");
});

type Page = { messages_count: number; messages: { ID: string }[] };
async function both(q: string): Promise<{ mailpit: string[]; sandpit: string[] }> {
  const path = `/api/v1/search?query=${encodeURIComponent(q)}&limit=1000`;
  const res = await fetch(`${stack.mp.apiUrl}${path}`);
  expect([q, res.status]).toEqual([q, 200]);
  const mine = await sam.json<Page>(path);
  expect([q, mine.status]).toEqual([q, 200]);
  const idsOf = (p: Page) => p.messages.map((m) => m.ID).sort();
  const upstream = (await res.json()) as Page;
  expect([q, mine.body.messages_count]).toEqual([q, upstream.messages_count]);
  return { mailpit: idsOf(upstream), sandpit: idsOf(mine.body) };
}
const QUERIES = [
  "quarterly",
  "failed",
  '"failed deploy"',
  '"build failed"',
  "a*b",
  '"c:d"',
  "x-ray",
  '"(twice):"',
  "zq",
  "7",
  "-failed",
  "-quarterly failed",
];

describe("GET /api/v1/search through the trigram index", () => {
  it.each(QUERIES)("finds for %s what Mailpit finds", async (q) => {
    const { mailpit, sandpit } = await both(q);
    expect(mailpit.length).toBeGreaterThan(0);
    expect(sandpit).toEqual(mailpit);
  });

  it("stops finding a message deleted through Sandpit, and one deleted in Mailpit behind its back", async () => {
    const [deleted, vanished] = [ids[4]!, ids[5]!];
    expect((await both('"failed deploy"')).sandpit).toEqual(expect.arrayContaining([deleted, vanished]));
    const del = await sam.fetch(`/api/v1/messages`, jsonInit("DELETE", { IDs: [deleted] }));
    expect([del.status, await del.text()]).toEqual([200, "ok"]);
    const res = await fetch(`${stack.mp.apiUrl}/api/v1/messages`, { method: "DELETE", body: JSON.stringify({ IDs: [vanished] }) });
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    await waitFor(async () => !(await listIds(sam)).includes(vanished), "the vanished message un-indexed", 20_000);
    for (const q of ["quarterly", '"failed deploy"', "deleted"]) {
      const { mailpit, sandpit } = await both(q);
      expect(sandpit).toEqual(mailpit);
      expect(sandpit).not.toContain(deleted);
      expect(sandpit).not.toContain(vanished);
    }
  });
});
