import { describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { imapSession, send, until, useImap } from "./client.js";

const stack = useStack();
const { connect } = useImap(stack);

/** stateOf is how REST shows one of my messages: read and starred. */
async function stateOf(user: TestUser, id: string): Promise<[boolean, boolean]> {
  const { body } = await user.json("/api/v1/messages");
  const row = (body.messages as { ID: string; Read: boolean; Starred: boolean }[]).find((x) => x.ID === id)!;
  return [row.Read, row.Starred];
}

/** setState changes one of my messages through REST, as the web UI does. */
async function setState(user: TestUser, id: string, change: { Read: boolean } | { Starred: boolean }): Promise<void> {
  expect((await user.fetch("/api/v1/messages", jsonInit("PUT", { IDs: [id], ...change }))).status).toBe(200);
}

describe("IMAP flags when another door changed them since my last command", () => {
  it("sets what STORE asks and marks read on BODY[], whatever the session last heard", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const id = await send(bob, [alice.email], "flip flop");
    const imap = imapSession(stack);
    await imap.run("a0", `LOGIN ${alice.email} ${alice.token}`);
    await imap.run("a1", "SELECT INBOX");
    expect(await imap.run("a2", "STORE 1 +FLAGS.SILENT (\\Seen \\Flagged)")).toMatch(/a2 OK/);
    expect(await stateOf(alice, id)).toEqual([true, true]);
    // The web UI unstars it; the session has not told its client yet when the client stars it again.
    await setState(alice, id, { Starred: false });
    expect(await imap.run("a3", "STORE 1 +FLAGS (\\Flagged)")).toMatch(/\* 1 FETCH \(FLAGS \(\\Seen \\Flagged\)\)/);
    expect(await stateOf(alice, id)).toEqual([true, true]);
    // The web UI marks it unread; the client reads it before it has heard.
    await setState(alice, id, { Read: false });
    expect(await imap.run("a4", "FETCH 1 BODY[TEXT]")).toMatch(/a4 OK/);
    expect(await stateOf(alice, id)).toEqual([true, true]);
    imap.close();
    // bob's copy in Sent is his own: nothing alice did reached it.
    const sent = (await bob.json("/api/v1/messages?folder=Sent")).body.messages[0];
    expect([sent.Read, sent.Starred]).toEqual([false, false]);
  });

  it("tells my other sessions, idling or not, when one of them marks a message \\Answered", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    await send(bob, [alice.email], "please reply");
    const [watcher, replier] = await Promise.all([connect(alice.email, alice.token), connect(alice.email, alice.token)]);
    await watcher.mailboxOpen("INBOX");
    const told: string[] = [];
    watcher.on("flags", (e: { flags: Set<string> }) => told.push([...e.flags].join(" ")));
    const idling = watcher.idle();
    await until(() => (watcher as unknown as { idling: boolean }).idling);
    await replier.mailboxOpen("INBOX");
    await replier.messageFlagsAdd("1", ["\\Answered"]);
    await until(() => told.length > 0);
    expect(told).toEqual(["\\Answered"]);
    await watcher.noop();
    await idling;
  });
});
