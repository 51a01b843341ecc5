import { describe, expect, it } from "vitest";
import { deliver } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { asUser, jsonInit, registerUser } from "../support/users.js";
import { listIds, uniq } from "../support/world.js";

/** A shared sandbox: password mode, plus-addressing off. */
const stack = useStack({ SANDPIT_AUTH_MODE: "password", SANDPIT_PLUS_ADDRESSING: "false" });
const PASSWORD = "correct horse battery staple";

describe("addresses in password mode", () => {
  it("lets only an admin add addresses, for any user; plus-addresses are nobody's when turned off", async () => {
    const alice = await registerUser(stack.app, uniq("alice"), { password: PASSWORD });
    const own = await alice.json("/api/v1/auth/addresses", jsonInit("POST", { address: uniq("alias") }));
    expect([own.status, own.body.error.code]).toEqual([403, "ADMIN_ONLY"]);

    const adminEmail = uniq("admin");
    await stack.app.server.deps.services.auth.createUser({ email: adminEmail, password: PASSWORD, isAdmin: true });
    const admin = asUser(stack.app, adminEmail, (await stack.app.server.deps.services.auth.issueFor(adminEmail, "test", undefined)).token);
    const alias = uniq("alias");
    const given = await admin.json("/api/v1/auth/addresses", jsonInit("POST", { address: alias, user: alice.email }));
    expect(given.status).toBe(201);
    expect((await alice.json("/api/v1/auth/addresses")).body.addresses.map((a: any) => a.address)).toEqual([alice.email, alias]);
    expect((await admin.json("/api/v1/auth/addresses")).body.addresses).toHaveLength(1);

    const [local, domain] = alice.email.split("@") as [string, string];
    const plus = await deliver(stack.mp.smtpPort, { from: "app@shop.test", to: `${local}+ci@${domain}`, subject: "plus", text: "x" });
    const direct = await deliver(stack.mp.smtpPort, { from: "app@shop.test", to: alias, subject: "alias", text: "x" });
    await stack.app.server.poller.reconcile(false);
    const mine = await listIds(alice);
    expect(mine).toContain(direct);
    expect(mine).not.toContain(plus);
  });
});
