import { describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

/** Behind a proxy, so each test client can have an address of its own (X-Forwarded-For). */
const stack = useStack({ SANDPIT_TRUST_PROXY: "true", SANDPIT_LOGIN_FAILURES_PER_CLIENT: "3", SANDPIT_LOGIN_FAILURES_PER_ACCOUNT: "100" });

const check = (u: TestUser, path: string, password: string, ip: string) =>
  u.json(path, { ...jsonInit("POST", { password }), headers: { "content-type": "application/json", "x-forwarded-for": ip } });

describe("the Test connection buttons count failures against the caller, never against Sandpit's own loopback", () => {
  for (const [path, locked, ok] of [
    ["/api/v1/smtp/check", /^454 4\.7\.0 /, /^235 /],
    ["/api/v1/mail-clients/check", /^NO \[UNAVAILABLE\]/, /^OK/],
  ] as const) {
    it(`${path}: a user guessing locks only themselves`, async () => {
      const [mallory, bob] = [await registerUser(stack.app, uniq("mallory")), await registerUser(stack.app, uniq("bob"))];
      const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      for (let i = 0; i < 3; i++) expect((await check(mallory, path, `sp_wrong_${i}`, ip)).body.ok).toBe(false);
      const lockedOut = await check(mallory, path, "sp_wrong_again", ip);
      expect(lockedOut.body.ok).toBe(false);
      expect(lockedOut.body.reply).toMatch(locked);
      // Bob, elsewhere, still tests his own connection: the door itself was never told the guesses.
      const fine = await check(bob, path, bob.token, "10.8.0.1");
      expect([fine.body.ok, fine.body.reply]).toEqual([true, expect.stringMatching(ok)]);
    });
  }
});
