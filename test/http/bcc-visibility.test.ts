import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { connectMcp } from "../support/mcp.js";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser, type TestUser } from "../support/users.js";
import { listIds, uniq } from "../support/world.js";

const stack = useStack();
let alice: TestUser;
let bob: TestUser;
let id: string;
const secret = `secretproject${randomBytes(3).toString("hex")}`;
const shared = `shared${randomBytes(3).toString("hex")}`;

beforeAll(async () => {
  [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
  // A Bcc plus-address tags the message in Mailpit; a To plus-address tags it for everyone.
  const sent = await alice.json(
    "/api/v1/send",
    jsonInit("POST", {
      To: [{ Email: bob.email }, { Email: `dave+${shared}@example.test` }],
      Bcc: [`carol+${secret}@example.test`, "erin@example.test", "frank@example.test"],
      Subject: "project kickoff",
      Text: "see you there",
    }),
  );
  expect(sent.status).toBe(200);
  id = sent.body.ID;
});

describe("tags that only a Bcc address produced are the sender's alone", () => {
  it("shows the sender every tag, to check Mailpit really tagged it", async () => {
    const mine = (await alice.json(`/api/v1/message/${id}`)).body;
    expect(mine.Tags.map((t: string) => t.toLowerCase()).sort()).toEqual([secret, shared].sort());
    expect((await alice.json("/api/v1/tags")).body.map((t: string) => t.toLowerCase())).toContain(secret);
  });

  it("hides the Bcc-only tag from a recipient in summaries, message JSON, tags, search, info and MCP", async () => {
    const has = (tags: string[]) => tags.some((t) => t.toLowerCase() === secret);
    const list = (await bob.json("/api/v1/messages")).body;
    const summary = list.messages.find((m: { ID: string }) => m.ID === id);
    expect(summary.Tags.map((t: string) => t.toLowerCase())).toEqual([shared]);
    expect(has(list.tags)).toBe(false);
    expect(has((await bob.json(`/api/v1/message/${id}`)).body.Tags)).toBe(false);
    expect(has((await bob.json("/api/v1/tags")).body)).toBe(false);
    expect((await bob.json(`/api/v1/search?query=tag:${secret}`)).body.messages_count).toBe(0);
    expect((await bob.json(`/api/v1/search?query=tag:${shared}`)).body.messages_count).toBe(1);
    expect(Object.keys((await bob.json("/api/v1/info")).body.Tags).map((t) => t.toLowerCase())).toEqual([shared]);

    const agent = await connectMcp(stack.app.url, bob.token);
    const got = await agent.tool("get_message", { id });
    expect(JSON.stringify(got)).not.toMatch(new RegExp(secret, "i"));
    const listed = await agent.tool("list_messages", {});
    expect(JSON.stringify(listed)).not.toMatch(new RegExp(secret, "i"));
    await agent.close();
  });

  it("counts a message as tagged for a recipient only by the tags they see", async () => {
    const only = await deliver(stack.mp.smtpPort, {
      from: "app@shop.test",
      raw: ["From: app@shop.test", `To: ${bob.email}`, "Subject: bcc-only tag", "", "x", ""].join("\r\n"),
      envelope: { from: "app@shop.test", to: [bob.email, `zed+${secret}@example.test`] },
    });
    await waitFor(async () => (await listIds(bob)).includes(only), "indexed");
    const tagged = (await bob.json("/api/v1/search?query=is:tagged")).body.messages.map((m: { ID: string }) => m.ID);
    expect(tagged).toContain(id);
    expect(tagged).not.toContain(only);
  });
});

describe("a recipient's Size is the size of what they can read", () => {
  it("matches the raw source each viewer gets, and larger:/smaller: use it", async () => {
    const size = async (u: TestUser) =>
      (await u.json("/api/v1/messages")).body.messages.find((m: { ID: string }) => m.ID === id).Size as number;
    const rawLength = async (u: TestUser) => (await (await u.fetch(`/api/v1/message/${id}/raw`)).arrayBuffer()).byteLength;
    const [aliceSize, bobSize] = [await size(alice), await size(bob)];
    expect(aliceSize).toBe(await rawLength(alice));
    expect(bobSize).toBe(await rawLength(bob));
    expect(bobSize).toBeLessThan(aliceSize);
    expect((await bob.json(`/api/v1/message/${id}`)).body.Size).toBe(bobSize);
    const found = async (u: TestUser, q: string) =>
      (await u.json(`/api/v1/search?query=${encodeURIComponent(q)}`)).body.messages.some((m: { ID: string }) => m.ID === id);
    expect(await found(bob, `smaller:${bobSize + 1}`)).toBe(true);
    expect(await found(alice, `smaller:${bobSize + 1}`)).toBe(false);
  });
});
