import { describe, expect, it } from "vitest";
import { deliver } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { asUser, jsonInit, registerUser, type TestUser } from "../support/users.js";
import { listIds, uniq } from "../support/world.js";
import { waitFor } from "../support/app.js";

const stack = useStack();

const at = (local: string, domain = "example.test") => `${local}-${Math.random().toString(36).slice(2, 8)}@${domain}`;
const subjects = async (u: TestUser) => ((await u.json("/api/v1/messages?limit=0")).body.messages as any[]).map((m) => m.Subject);
const mail = (to: string, subject: string) => deliver(stack.mp.smtpPort, { from: "app@shop.test", to, subject, text: "x" });

async function makeAdmin(): Promise<TestUser> {
  const email = uniq("admin");
  await stack.app.server.deps.services.auth.createUser({ email, isAdmin: true });
  return asUser(stack.app, email, (await stack.app.server.deps.services.auth.issueFor(email, "test", undefined)).token);
}

describe("addresses", () => {
  it("adds an address with its earlier mail, sends from it, and keeps the primary one", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const alias = at("alias");
    const earlier = await mail(alias, "before the alias");
    // Indexed before the address exists, so only the backfill can give it to alice.
    await stack.app.server.poller.reconcile(false);
    expect((await alice.json("/api/v1/auth/addresses")).body).toEqual({
      addresses: [{ address: alice.email, primary: true }],
      domains: [],
    });

    const added = await alice.json("/api/v1/auth/addresses", jsonInit("POST", { address: alias.toUpperCase() }));
    expect(added).toEqual({ status: 201, body: { address: alias, primary: false } });
    expect(await listIds(alice)).toContain(earlier);
    await mail(alias, "after the alias");
    await waitFor(async () => (await subjects(alice)).includes("after the alias"), "mail to the alias");
    expect((await alice.json("/api/v1/auth/me")).body.addresses).toEqual([alice.email, alias]);
    const sent = await alice.json("/api/v1/send", jsonInit("POST", { From: { Email: alias }, To: [{ Email: alice.email }], Text: "x" }));
    expect(sent.status).toBe(200);

    const primary = await alice.json(`/api/v1/auth/addresses/${encodeURIComponent(alice.email)}`, { method: "DELETE" });
    expect([primary.status, primary.body.error.message]).toEqual([400, expect.stringContaining("primary")]);
    expect((await alice.fetch(`/api/v1/auth/addresses/${encodeURIComponent(alias)}`, { method: "DELETE" })).status).toBe(200);
    expect((await alice.json("/api/v1/auth/addresses")).body.addresses).toHaveLength(1);
  });

  it("refuses taken, invalid and foreign addresses, and a non-admin's catch-all", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const taken = await bob.json("/api/v1/auth/addresses", jsonInit("POST", { address: alice.email }));
    expect([taken.status, taken.body.error.code]).toEqual([409, "ADDRESS_TAKEN"]);
    expect((await bob.json("/api/v1/auth/addresses", jsonInit("POST", { address: "nope" }))).status).toBe(400);
    expect((await bob.json("/api/v1/auth/addresses", jsonInit("POST", { address: at("x"), extra: 1 }))).status).toBe(400);
    const foreign = await bob.json("/api/v1/auth/addresses", jsonInit("POST", { address: at("x"), user: alice.email }));
    expect([foreign.status, foreign.body.error.code]).toEqual([403, "ADMIN_ONLY"]);
    expect((await bob.json(`/api/v1/auth/addresses/${encodeURIComponent(alice.email)}`, { method: "DELETE" })).status).toBe(404);
    const domain = await bob.json("/api/v1/auth/domains", jsonInit("POST", { domain: "run-1.test" }));
    expect([domain.status, domain.body.error.code]).toEqual([403, "ADMIN_ONLY"]);
    expect((await bob.json("/api/v1/auth/addresses")).body.addresses).toEqual([{ address: bob.email, primary: true }]);
  });

  it("gives plus-addresses to their base address, unless someone registered the exact one", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const [local, domain] = alice.email.split("@") as [string, string];
    await mail(`${local}+ci@${domain}`, "plus ci");
    const vip = await registerUser(stack.app, `${local}+vip@${domain}`);
    await mail(`${local}+vip@${domain}`, "plus vip");
    await waitFor(async () => (await subjects(vip)).includes("plus vip"), "vip's mail");
    await waitFor(async () => (await subjects(alice)).includes("plus ci"), "alice's plus mail");
    expect(await subjects(alice)).not.toContain("plus vip");
    expect(await subjects(vip)).not.toContain("plus ci");
  });

  it("lets an admin give a catch-all domain, backfilled, where an exact address still wins", async () => {
    const [admin, carol, dan] = [
      await makeAdmin(),
      await registerUser(stack.app, uniq("carol")),
      await registerUser(stack.app, at("dan", "run-7.test")),
    ];
    await mail(at("job1", "run-7.test"), "job one");
    await mail(dan.email, "for dan");
    await stack.app.server.poller.reconcile(false);
    const given = await admin.json("/api/v1/auth/domains", jsonInit("POST", { domain: "*@RUN-7.test", user: carol.email }));
    expect(given).toEqual({ status: 201, body: { domain: "run-7.test", user: carol.email } });
    expect((await carol.json("/api/v1/auth/addresses")).body.domains).toEqual(["run-7.test"]);
    expect(await subjects(carol)).toEqual(["job one"]);
    await mail(at("job2", "run-7.test"), "job two");
    await waitFor(async () => (await subjects(carol)).includes("job two"), "catch-all mail");
    expect(await subjects(dan)).toEqual(["for dan"]);
    const twice = await admin.json("/api/v1/auth/domains", jsonInit("POST", { domain: "run-7.test", user: dan.email }));
    expect([twice.status, twice.body.error.code]).toEqual([409, "ADDRESS_TAKEN"]);
    expect((await admin.json("/api/v1/auth/domains", jsonInit("POST", { domain: "not a domain" }))).status).toBe(400);
    expect((await carol.fetch("/api/v1/auth/domains/run-7.test", { method: "DELETE" })).status).toBe(403);
    expect((await admin.fetch("/api/v1/auth/domains/run-7.test", { method: "DELETE" })).status).toBe(200);
    expect((await carol.json("/api/v1/auth/addresses")).body.domains).toEqual([]);
  });
});

describe("contacts and preferences", () => {
  it("lists the people in my own mail only, never a Bcc I did not send", async () => {
    const [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((n) => registerUser(stack.app, uniq(n))));
    await alice!.json(
      "/api/v1/send",
      jsonInit("POST", { To: [{ Email: bob!.email, Name: "Bob Builder" }], Bcc: [carol!.email], Subject: "hi", Text: "x" }),
    );
    const mine = (await alice!.json("/api/v1/contacts")).body.contacts;
    expect(mine.map((c: any) => [c.address, c.name, c.count])).toEqual(
      expect.arrayContaining([
        [bob!.email, "Bob Builder", 1],
        [carol!.email, "", 1],
      ]),
    );
    expect(mine.map((c: any) => c.address)).not.toContain(alice!.email);
    expect((await alice!.json("/api/v1/contacts?query=builder")).body.contacts.map((c: any) => c.address)).toEqual([bob!.email]);
    // bob sees alice, not the Bcc'd carol; carol sees alice and bob.
    expect((await bob!.json("/api/v1/contacts")).body.contacts.map((c: any) => c.address)).toEqual([alice!.email]);
    expect((await carol!.json("/api/v1/contacts")).body.contacts.map((c: any) => c.address).sort()).toEqual(
      [alice!.email, bob!.email].sort(),
    );
    const stranger = await registerUser(stack.app, uniq("stranger"));
    expect((await stranger.json("/api/v1/contacts")).body.contacts).toEqual([]);
    expect((await stranger.json("/api/v1/contacts?limit=0")).status).toBe(400);
  });

  it("keeps my preferences server-side, validated", async () => {
    const me = await registerUser(stack.app, uniq("prefs"));
    expect((await me.json("/api/v1/auth/preferences")).body).toEqual({ theme: "system", pageSize: 50, notifications: false });
    const put = await me.json("/api/v1/auth/preferences", jsonInit("PUT", { theme: "dark", pageSize: 25 }));
    expect(put.body).toEqual({ theme: "dark", pageSize: 25, notifications: false });
    expect((await me.json("/api/v1/auth/preferences")).body.theme).toBe("dark");
    for (const bad of [{ theme: "pink" }, { pageSize: 5 }, { notifications: "yes" }, { other: 1 }]) {
      expect((await me.json("/api/v1/auth/preferences", jsonInit("PUT", bad))).status).toBe(400);
    }
    const other = await registerUser(stack.app, uniq("other"));
    expect((await other.json("/api/v1/auth/preferences")).body.theme).toBe("system");
    expect((await fetch(`${stack.app.url}/api/v1/auth/preferences`)).status).toBe(401);
  });
});
