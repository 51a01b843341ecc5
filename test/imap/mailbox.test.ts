import { describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { submit } from "../support/mail.js";
import { jsonInit, registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { send, useImap } from "./client.js";

const stack = useStack();
const { connect, raw } = useImap(stack);

const subjects = async (user: { json: (p: string) => Promise<{ body: any }> }, folder: string) =>
  ((await user.json(`/api/v1/messages?folder=${folder}`)).body.messages as { Subject: string }[]).map((m) => m.Subject).sort();

describe("IMAP: changing my mailbox", () => {
  it("expunges what I marked \\Deleted from my folder only: another owner keeps it, and my own copy in Sent stays", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    await send(alice, [bob.email, alice.email], "to both of us");
    await send(alice, [bob.email], "keep me");
    const client = await connect(alice.email, alice.token);
    await client.mailboxOpen("INBOX");
    const [mine] = await client.fetchAll("1:*", { uid: true, envelope: false, flags: true });
    await client.messageFlagsAdd({ uid: mine!.uid } as never, ["\\Deleted"], { uid: true });
    const [marked] = await client.fetchAll(`${mine!.uid}`, { flags: true }, { uid: true });
    expect(marked!.flags!.has("\\Deleted")).toBe(true);
    // Marked is not gone: REST still lists it until EXPUNGE.
    expect(await subjects(alice, "Inbox")).toEqual(["to both of us"]);
    const expunged: number[] = [];
    client.on("expunge", (e: { seq: number }) => expunged.push(e.seq));
    await client.mailboxClose();
    await client.mailboxOpen("INBOX");
    expect(client.mailbox && (client.mailbox as { exists: number }).exists).toBe(0);
    expect(await subjects(alice, "Inbox")).toEqual([]);
    expect(await subjects(alice, "Sent")).toEqual(["keep me", "to both of us"]);
    expect(await subjects(bob, "Inbox")).toEqual(["keep me", "to both of us"]);
  });

  it("answers EXPUNGE with the removed sequence numbers, highest first, and UID EXPUNGE only within its set", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    for (const n of [1, 2, 3, 4]) await send(alice, [alice.email], `m${n}`);
    const login = `a0 LOGIN ${alice.email} ${alice.token}`;
    const out = await raw([login, "a1 SELECT INBOX", "a2 STORE 1:4 +FLAGS.SILENT (\\Deleted)", "a3 UID EXPUNGE 1:2", "a4 EXPUNGE"], "a4");
    expect(out).toMatch(/a3 OK/);
    // UID EXPUNGE 1:2 took sequence numbers 2 then 1; EXPUNGE then took the remaining two.
    const after = out.slice(out.indexOf("a2 OK"));
    expect(after.match(/\* \d+ EXPUNGE/g)).toEqual(["* 2 EXPUNGE", "* 1 EXPUNGE", "* 2 EXPUNGE", "* 1 EXPUNGE"]);
    expect(await subjects(alice, "Inbox")).toEqual([]);
  });

  it("moves and copies between my folders with COPYUID, creates, renames and deletes folders, and refuses a folder I do not have", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    await send(bob, [alice.email], "move me");
    await send(bob, [alice.email], "copy me");
    const client = await connect(alice.email, alice.token);
    await client.mailboxCreate("Projects/Q3");
    await client.mailboxOpen("INBOX");
    const moved = await client.messageMove("1", "Projects/Q3");
    expect(moved && moved.uidMap && [...moved.uidMap.values()]).toEqual([1]);
    const copied = await client.messageCopy("1", "Archive");
    expect(copied && copied.uidMap?.size).toBe(1);
    expect(await subjects(alice, "Projects%2FQ3")).toEqual(["move me"]);
    expect(await subjects(alice, "Archive")).toEqual(["copy me"]);
    expect(await subjects(alice, "Inbox")).toEqual(["copy me"]);
    expect(await client.messageMove("1", "Nowhere")).toBe(false);
    expect(await raw([`a0 LOGIN ${alice.email} ${alice.token}`, "a1 SELECT INBOX", 'a2 MOVE 1 "Nowhere"'], "a2")).toMatch(
      /a2 NO \[TRYCREATE\]/,
    );

    await client.mailboxRename("Projects/Q3", "Projects/Done");
    const names = (await client.list()).map((f) => f.path);
    expect(names).toEqual(expect.arrayContaining(["Projects", "Projects/Done"]));
    expect(names).not.toContain("Projects/Q3");
    const bobsClient = await connect(bob.email, bob.token);
    expect((await bobsClient.list()).map((f) => f.path)).not.toContain("Projects/Done");
    expect(await raw([`a0 LOGIN ${bob.email} ${bob.token}`, 'a1 SELECT "Projects/Done"'], "a1")).toMatch(/a1 NO \[NONEXISTENT\]/);
    const refused = await raw(
      [`a0 LOGIN ${alice.email} ${alice.token}`, 'a1 CREATE "Archive"', "a2 DELETE INBOX", 'a3 DELETE "Projects/Done"'],
      "a3",
    );
    expect(refused).toMatch(/a1 NO \[ALREADYEXISTS\]/);
    expect(refused).toMatch(/a2 NO \[CANNOT\]/);
    // A folder with mail in it stays: the client moves the mail out first.
    expect(refused).toMatch(/a3 NO /);
  });

  it("gives a folder deleted and created again under the same name a greater UIDVALIDITY, even within the same second", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const client = await connect(alice.email, alice.token);
    await client.mailboxCreate("Box");
    const first = await client.mailboxOpen("Box");
    const stored = await client.append("Box", ["From: a@x.test", "Subject: old", "", "old", ""].join("\r\n"));
    expect(stored && stored.uid).toBe(1);
    await client.messageMove("1", "Archive");
    await client.mailboxClose();
    await client.mailboxDelete("Box");
    await client.mailboxCreate("Box");
    const again = await client.mailboxOpen("Box");
    await client.append("Box", ["From: a@x.test", "Subject: new", "", "new", ""].join("\r\n"));
    // UID 1 now names another message: a client that cached the old UID 1 must see that its cache is void (RFC 3501 §2.3.1.1).
    expect(again.uidNext).toBe(1);
    expect(again.uidValidity > first.uidValidity).toBe(true);
    const status = await client.status("Box", { uidValidity: true });
    expect(status && status.uidValidity).toBe(again.uidValidity);
  });

  it("tells a selected session about changes made through REST and another IMAP session, and wakes IDLE for new mail", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const first = await send(bob, [alice.email], "first");
    const watcher = await connect(alice.email, alice.token);
    await watcher.mailboxOpen("INBOX");
    const seen: string[] = [];
    watcher.on("exists", (e: { count: number }) => seen.push(`exists ${e.count}`));
    watcher.on("flags", (e: { flags: Set<string> }) => seen.push(`flags ${[...e.flags].join(" ")}`));
    watcher.on("expunge", (e: { seq: number }) => seen.push(`expunge ${e.seq}`));
    // IDLE, then mail delivered over Sandpit's SMTP wakes it.
    const idling = watcher.idle();
    await until(() => (watcher as unknown as { idling: boolean }).idling);
    expect(
      await submit(
        stack.app.server.smtp.port,
        { from: bob.email, to: alice.email, subject: "second", text: "x" },
        { auth: { user: bob.email, pass: bob.token } },
      ),
    ).toMatchObject({ ok: true });
    await until(() => seen.includes("exists 2"));
    expect(seen).toContain("exists 2");
    expect((await alice.fetch("/api/v1/messages", jsonInit("PUT", { IDs: [first], Read: true }))).status).toBe(200);
    await until(() => seen.some((x) => x.startsWith("flags") && x.includes("\\Seen")));
    expect(seen.filter((x) => x.startsWith("flags"))).toEqual(["flags \\Seen"]);
    expect((await alice.fetch("/api/v1/messages", jsonInit("DELETE", { IDs: [first] }))).status).toBe(200);
    await until(() => seen.includes("expunge 1"));
    expect(seen).toContain("expunge 1");
    // Another IMAP session's flag change reaches it too.
    const other = await connect(alice.email, alice.token);
    await other.mailboxOpen("INBOX");
    await other.messageFlagsAdd("1", ["\\Flagged"]);
    await until(() => seen.some((x) => x.includes("\\Flagged")));
    expect(seen.at(-1)).toBe("flags \\Flagged");
    await watcher.noop();
    await idling;
  });
});

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}
