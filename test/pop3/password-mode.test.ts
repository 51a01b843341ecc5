import { describe, expect, it } from "vitest";
import { send } from "../imap/client.js";
import { useStack } from "../support/stack.js";
import { registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { pop3 } from "./client.js";

const stack = useStack({ SANDPIT_AUTH_MODE: "password" });

/** A password with a double space: PASS takes the rest of its line as sent (RFC 1939 §7). */
const PASSWORD = "two  spaces in this pass phrase";

describe("POP3 in password mode", () => {
  it("takes my password or a token with USER/PASS and AUTH PLAIN, and refuses a wrong one", async () => {
    const [alice, bob] = await Promise.all(["alice", "bob"].map((n) => registerUser(stack.app, uniq(n), { password: PASSWORD })));
    await send(bob!, [alice!.email], "hello");
    const c = await pop3(stack);
    expect(await c.cmd(`USER ${alice!.email}`)).toMatch(/^\+OK/);
    expect(await c.cmd(`PASS ${PASSWORD}`)).toBe("+OK 1 messages in your Inbox\r\n");
    expect(await c.cmd("RETR 1", true)).toMatch(/Subject: hello/);
    const t = await pop3(stack);
    expect(await t.cmd(`USER ${alice!.email}`)).toMatch(/^\+OK/);
    expect(await t.cmd(`PASS ${alice!.token}`)).toMatch(/^\+OK 1 messages/);
    const p = await pop3(stack);
    const plain = Buffer.from(`\u0000${alice!.email}\u0000${PASSWORD}`).toString("base64");
    expect(await p.cmd(`AUTH PLAIN ${plain}`)).toMatch(/^\+OK 1 messages/);
    const w = await pop3(stack);
    expect(await w.cmd(`USER ${alice!.email}`)).toMatch(/^\+OK/);
    expect(await w.cmd(`PASS ${PASSWORD.replace("  ", " ")}`)).toMatch(/^-ERR \[AUTH\] /);
    for (const s of [c, t, p, w]) s.close();
  });
});
