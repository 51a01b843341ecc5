import { describe, expect, it } from "vitest";
import { deliver } from "../support/mail.js";
import { cliOf } from "../support/cli.js";
import { useStack } from "../support/stack.js";
import { registerUser } from "../support/users.js";
import { listIds, uniq } from "../support/world.js";

const stack = useStack();

const cli = cliOf(stack);

describe("sandpit CLI: addresses and catch-all domains", () => {
  it("gives a user an address and a catch-all domain with the mail already sent there, and takes them back", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const alias = uniq("alias");
    const toAlias = await deliver(stack.mp.smtpPort, { from: "app@shop.test", to: alias, subject: "alias", text: "x" });
    const toDomain = await deliver(stack.mp.smtpPort, { from: "app@shop.test", to: "job-1@ci-run-9.test", subject: "job", text: "x" });
    await stack.app.server.poller.reconcile(false);

    expect(await cli("users", "add-address", alice.email, "--address", alias)).toEqual({
      code: 0,
      stdout: `${alias} is now an address of ${alice.email}\n`,
      stderr: "",
    });
    expect((await cli("users", "add-domain", alice.email, "--domain", "*@CI-run-9.test")).stdout).toBe(
      `mail to any address at ci-run-9.test now reaches ${alice.email}\n`,
    );
    expect(await listIds(alice)).toEqual(expect.arrayContaining([toAlias, toDomain]));
    expect((await alice.json("/api/v1/auth/addresses")).body).toEqual({
      addresses: [
        { address: alice.email, primary: true },
        { address: alias, primary: false },
      ],
      domains: ["ci-run-9.test"],
    });

    expect((await cli("users", "remove-address", alice.email, "--address", alias)).code).toBe(0);
    expect((await cli("users", "remove-domain", "ci-run-9.test")).code).toBe(0);
    expect((await alice.json("/api/v1/auth/addresses")).body).toEqual({
      addresses: [{ address: alice.email, primary: true }],
      domains: [],
    });
  });

  it("refuses what it cannot do: exit 1 with the reason, exit 2 for a usage error", async () => {
    const bob = await registerUser(stack.app, uniq("bob"));
    const taken = await cli("users", "add-address", bob.email, "--address", bob.email);
    expect([taken.code, taken.stderr]).toEqual([1, expect.stringContaining("already belongs")]);
    expect((await cli("users", "add-address", uniq("nobody"), "--address", uniq("x"))).stderr).toContain("no user");
    expect((await cli("users", "add-domain", bob.email, "--domain", "not a domain")).code).toBe(1);
    expect((await cli("users", "remove-domain", "never-given.test")).code).toBe(1);
    const usage = await cli("users", "add-address", bob.email);
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringContaining("--address")]);
  });
});
