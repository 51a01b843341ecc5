import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { asUser, jsonInit, registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

const stack = useStack();
let admin: TestUser;
let ann: TestUser;
let ben: TestUser;
let annsId: string;
let bensId: string;
beforeAll(async () => {
  const email = uniq("admin");
  await stack.app.server.deps.services.auth.createUser({ email, isAdmin: true });
  admin = asUser(stack.app, email, (await stack.app.server.deps.services.auth.issueFor(email, "test", undefined)).token);
  ann = await registerUser(stack.app, uniq("ann"));
  ben = await registerUser(stack.app, uniq("ben"));
  annsId = await deliver(stack.mp.smtpPort, {
    from: "app@x.test",
    to: ann.email,
    subject: "tagged",
    text: "x",
    headers: { "X-Tags": "secret-project" },
  });
  bensId = await deliver(stack.mp.smtpPort, { from: "app@x.test", to: ben.email, subject: "plain", text: "x" });
  await waitFor(
    async () => (await ann.json("/api/v1/messages")).body.total === 1 && (await ben.json("/api/v1/messages")).body.total === 1,
    "indexed",
  );
});

const tagsOf = async (u: TestUser, id: string) =>
  ((await u.json("/api/v1/messages")).body.messages as any[]).find((m) => m.ID === id)?.Tags;

describe("tags", () => {
  it("lists only the tags on my own messages", async () => {
    expect((await ann.json("/api/v1/tags")).body).toEqual(["secret-project"]);
    expect((await ben.json("/api/v1/tags")).body).toEqual([]);
    expect((await ben.json("/api/v1/messages")).body.tags).toEqual([]);
    expect((await ben.json("/api/v1/info")).body.Tags).toEqual({});
    expect((await ann.json("/api/v1/info")).body.Tags).toEqual({ "secret-project": 1 });
  });

  it("lets an admin set and rename tags, and the index follows", async () => {
    const set = await admin.fetch("/api/v1/tags", jsonInit("PUT", { IDs: [bensId], Tags: ["urgent"] }));
    expect(set.status).toBe(200);
    await waitFor(async () => JSON.stringify(await tagsOf(ben, bensId)) === '["urgent"]', "set tags applied");
    const renamed = await admin.fetch("/api/v1/tags/urgent", jsonInit("PUT", { Name: "later" }));
    expect(renamed.status).toBe(200);
    await waitFor(async () => JSON.stringify(await tagsOf(ben, bensId)) === '["later"]', "rename applied");
    expect((await ann.json("/api/v1/tags")).body).toEqual(["secret-project"]);
  });

  it("refuses tag changes to non-admins and validates admin input", async () => {
    const r = await ann.json("/api/v1/tags", jsonInit("PUT", { IDs: [annsId], Tags: ["x"] }));
    expect([r.status, r.body.error.code]).toEqual([403, "ADMIN_ONLY"]);
    const bad = await admin.json("/api/v1/tags", jsonInit("PUT", { IDs: [annsId], Tags: ["bad/name"] }));
    expect([bad.status, bad.body.error.code]).toEqual([400, "BAD_REQUEST"]);
  });

  it("passes chaos through for admins, with Mailpit's own refusal when chaos is off", async () => {
    const r = await admin.json("/api/v1/chaos");
    expect([r.status, r.body.error.code]).toEqual([400, "BAD_REQUEST"]);
    expect(r.body.error.message).toMatch(/chaos/i);
  });
});
