import { describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { imapSession, useImap } from "./client.js";

const stack = useStack();
const { raw } = useImap(stack);

describe("IMAP: limits on what a client sends", () => {
  it("refuses a literal larger than a login needs before LOGIN, skips its bytes and goes on", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const big = "x".repeat(100_000);
    const out = await raw([`a1 LOGIN {${big.length}+}\r\n${big} pw`, "a2 NOOP", `a3 LOGIN ${alice.email} ${alice.token}`], "a3");
    expect(out).toMatch(/\r\na1 BAD literal larger than 65536 bytes\r\n/);
    expect(out).toMatch(/\r\na2 OK/);
    expect(out).toMatch(/\r\na3 OK/);
  });

  it("answers a continuation line that is too long with BAD for the command that asked for it", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const long = "A".repeat(70_000);
    const authenticating = imapSession(stack);
    authenticating.send("a1 AUTHENTICATE PLAIN");
    await authenticating.waitFor(/\r\n\+ /);
    authenticating.send(long);
    expect(await authenticating.run("a2", "NOOP")).toMatch(/^a1 BAD line too long\r\na2 OK/);
    authenticating.close();
    const idling = imapSession(stack);
    await idling.run("a0", `LOGIN ${alice.email} ${alice.token}`);
    await idling.run("a1", "SELECT INBOX");
    idling.send("a2 IDLE");
    await idling.waitFor(/\r\n\+ idling/);
    idling.send(long);
    expect(await idling.run("a3", "NOOP")).toMatch(/a2 BAD line too long\r\na3 OK/);
    idling.close();
  });
});
