import { beforeAll, describe, expect, it } from "vitest";
import { caOf, rawImap, useImap } from "../imap/client.js";
import { pop3 } from "../pop3/client.js";
import { waitFor } from "../support/app.js";
import { deliver, submit } from "../support/mail.js";
import { connectMcp } from "../support/mcp.js";
import { useStack } from "../support/stack.js";
import { asUser, jsonInit, registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

const stack = useStack();
const imap = useImap(stack);

/** tokenWith makes an API token of `user`'s with the given scopes. */
async function tokenWith(user: TestUser, scopes: string[]): Promise<TestUser> {
  const r = await user.json("/api/v1/auth/tokens", jsonInit("POST", { name: scopes.join("+"), scopes }));
  expect(r.status).toBe(201);
  expect(r.body.scopes).toEqual(scopes);
  return asUser(stack.app, user.email, r.body.token as string);
}

const refusedFor = (scope: string) => ({ error: expect.objectContaining({ code: "SCOPE_REQUIRED", details: { scope } }) });

describe("scoped tokens: every door checks the scope of the token it was given", () => {
  let alice: TestUser;
  let bob: TestUser;
  let readOnly: TestUser;
  let sendOnly: TestUser;
  let id: string;
  beforeAll(async () => {
    [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    readOnly = await tokenWith(alice, ["read"]);
    sendOnly = await tokenWith(alice, ["send"]);
    id = await deliver(stack.app.server.smtp.port, { from: "app@shop.test", to: alice.email, subject: "scoped hello", text: "hi" });
    await waitFor(async () => (await alice.json("/api/v1/messages")).body.messages.length === 1, "alice's message indexed");
  });

  it("lets a read token list, search and open (opening still marks read), and nothing else", async () => {
    expect((await readOnly.json("/api/v1/messages")).body.messages.map((m: { ID: string }) => m.ID)).toEqual([id]);
    expect((await readOnly.json("/api/v1/search?query=scoped")).body.messages).toHaveLength(1);
    expect((await readOnly.json(`/api/v1/message/${id}`)).status).toBe(200);
    expect((await alice.json("/api/v1/messages")).body.messages[0].Read).toBe(true);

    const refusals: [string, RequestInit, string][] = [
      ["/api/v1/send", jsonInit("POST", { To: [{ Email: bob.email }], Subject: "no", Text: "no" }), "send"],
      ["/api/v1/messages", jsonInit("PUT", { IDs: [id], Read: false }), "write"],
      ["/api/v1/messages", jsonInit("PUT", { IDs: [id], Starred: true }), "write"],
      ["/api/v1/messages", jsonInit("PUT", { IDs: [id], Folder: "Archive" }), "write"],
      ["/api/v1/messages", jsonInit("DELETE", { IDs: [id] }), "write"],
      ["/api/v1/folders", jsonInit("POST", { name: "Nope" }), "write"],
      ["/api/v1/drafts", jsonInit("POST", { Subject: "draft" }), "write"],
      ["/api/v1/auth/tokens", jsonInit("POST", { name: "more" }), "manage"],
      ["/api/v1/inboxes", jsonInit("POST", { expiresInMinutes: 5 }), "manage"],
    ];
    for (const [path, init, scope] of refusals) {
      const r = await readOnly.json(path, init);
      expect({ path, status: r.status }).toEqual({ path, status: 403 });
      expect(r.body).toEqual(refusedFor(scope));
    }
    // Nothing changed: the message is still read, unstarred, in the Inbox, and alice's.
    const [m] = (await alice.json("/api/v1/messages")).body.messages;
    expect({ Read: m.Read, Starred: m.Starred, Folder: m.Folder }).toEqual({ Read: true, Starred: false, Folder: "Inbox" });
  });

  it("lets a send-only token send, but not read, list or wait", async () => {
    const sent = await sendOnly.json(
      "/api/v1/send",
      jsonInit("POST", { To: [{ Email: bob.email }], Subject: "from a send token", Text: "x" }),
    );
    expect(sent.status).toBe(200);
    for (const path of [
      "/api/v1/messages",
      `/api/v1/message/${id}`,
      `/api/v1/message/${id}/raw`,
      "/api/v1/folders",
      "/api/v1/wait?timeout=1",
    ]) {
      const r = await sendOnly.json(path);
      expect({ path, status: r.status }).toEqual({ path, status: 403 });
      expect(r.body).toEqual(refusedFor("read"));
    }
    await waitFor(
      async () => (await bob.json("/api/v1/search?query=subject:%22from a send token%22")).body.messages.length === 1,
      "bob got it",
    );
  });

  it("never makes a token with a scope the caller lacks, nor admin for a non-admin", async () => {
    const manageOnly = await tokenWith(alice, ["manage"]);
    const wider = await manageOnly.json("/api/v1/auth/tokens", jsonInit("POST", { name: "wider", scopes: ["read", "manage"] }));
    expect(wider.status).toBe(403);
    expect(wider.body).toEqual(refusedFor("read"));
    const admin = await alice.json("/api/v1/auth/tokens", jsonInit("POST", { name: "admin", scopes: ["admin"] }));
    expect(admin.status).toBe(403);
    expect(admin.body.error.code).toBe("ADMIN_ONLY");
    const bad = await alice.json("/api/v1/auth/tokens", jsonInit("POST", { name: "bad", scopes: ["root"] }));
    expect(bad.status).toBe(400);
    const empty = await alice.json("/api/v1/auth/tokens", jsonInit("POST", { name: "empty", scopes: [] }));
    expect(empty.status).toBe(400);
    // A token made without scopes gets all of mine; me shows the scopes of the token used.
    expect((await readOnly.json("/api/v1/auth/me")).body.scopes).toEqual(["read"]);
    const all = await alice.json("/api/v1/auth/tokens", jsonInit("POST", { name: "all" }));
    expect(all.body.scopes).toEqual(["read", "write", "send", "manage"]);
  });

  it("MCP tools refuse outside the token's scopes, naming the scope", async () => {
    const mcp = await connectMcp(stack.app.url, readOnly.token);
    try {
      const listed = await mcp.tool("list_messages", {});
      expect(listed.isError).toBeFalsy();
      const sent = await mcp.tool("send_email", { to: [bob.email], subject: "agent", text: "x" });
      expect(sent.isError).toBe(true);
      expect(sent.content[0]!.text).toContain("'send' scope");
      const deleted = await mcp.tool("delete_messages", { ids: [id] });
      expect(deleted.isError).toBe(true);
      expect(deleted.content[0]!.text).toContain("'write' scope");
    } finally {
      await mcp.close();
    }
    expect((await alice.json("/api/v1/messages")).body.messages.map((m: { ID: string }) => m.ID)).toContain(id);
  });

  it("SMTP AUTH needs send: a read token is refused with 535, a send token submits", async () => {
    const msg = { from: alice.email, to: bob.email, subject: "smtp scoped", text: "x" };
    const ca = { ca: caOf(stack) };
    const refused = await submit(stack.app.server.smtp.port, msg, { auth: { user: alice.email, pass: readOnly.token }, tls: ca });
    expect(refused).toMatchObject({ ok: false, code: 535 });
    expect((refused as { response: string }).response).toContain("'send' scope");
    const ok = await submit(stack.app.server.smtp.port, msg, { auth: { user: alice.email, pass: sendOnly.token }, tls: ca });
    expect(ok.ok).toBe(true);
  });

  it("IMAP and POP3 need read to log in, and IMAP changes need write", async () => {
    const login = await rawImap(stack.app.server.imap.port, [`a LOGIN ${alice.email} ${sendOnly.token}`], "a");
    expect(login).toMatch(/a NO \[NOPERM\] .*'read' scope/);
    const client = await imap.connect(alice.email, readOnly.token);
    await client.mailboxOpen("INBOX");
    const fetched = await client.fetchOne("1", { envelope: true });
    expect(fetched && fetched.envelope?.subject).toBe("scoped hello");
    await expect(client.messageFlagsAdd("1", ["\\Flagged"])).resolves.toBe(false);
    const store = await rawImap(
      stack.app.server.imap.port,
      [`a LOGIN ${alice.email} ${readOnly.token}`, "b SELECT INBOX", "c STORE 1 +FLAGS (\\Deleted)", "d LOGOUT"],
      "c",
    );
    expect(store).toMatch(/c NO \[NOPERM\] .*'write' scope/);
    expect((await alice.json("/api/v1/messages")).body.messages[0].Starred).toBe(false);

    const p = await pop3(stack);
    await p.cmd(`USER ${alice.email}`);
    expect(await p.cmd(`PASS ${sendOnly.token}`)).toMatch(/^-ERR .*'read' scope/);
    p.close();
    const q = await pop3(stack);
    await q.cmd(`USER ${alice.email}`);
    expect(await q.cmd(`PASS ${readOnly.token}`)).toMatch(/^\+OK/);
    expect(await q.cmd("DELE 1")).toMatch(/^-ERR .*'write' scope/);
    await q.cmd("QUIT");
    q.close();
    expect((await alice.json("/api/v1/messages")).body.messages.map((m: { ID: string }) => m.ID)).toContain(id);
  });
});
