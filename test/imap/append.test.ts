import { describe, expect, it } from "vitest";
import { submit } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { useImap } from "./client.js";

const stack = useStack();
const { connect, raw } = useImap(stack);

const message = (from: string, to: string, subject: string, mid: string) =>
  [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: <${mid}>`,
    "Date: Sun, 22 Nov 2026 10:00:00 +0000",
    "",
    "hello",
    "",
  ].join("\r\n");

const folder = async (user: { json: (p: string) => Promise<{ body: any }> }, name: string) =>
  (await user.json(`/api/v1/messages?folder=${encodeURIComponent(name)}`)).body.messages as {
    ID: string;
    Subject: string;
    Read: boolean;
    Starred: boolean;
  }[];

describe("IMAP APPEND", () => {
  it("stores a message into my folder, owned by me alone: nobody it names gains it", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const client = await connect(alice.email, alice.token);
    await client.mailboxOpen("Archive");
    const stored = await client.append("Archive", message(bob.email, alice.email, "imported", uniq("imp") + "@x.test"), [
      "\\Seen",
      "\\Flagged",
    ]);
    expect(stored && stored.uid).toBe(1);
    const archive = await folder(alice, "Archive");
    expect(archive.map((m) => [m.Subject, m.Read, m.Starred])).toEqual([["imported", true, true]]);
    expect(await folder(alice, "Sent")).toEqual([]);
    expect((await bob.json("/api/v1/messages")).body.messages_count).toBe(0);
    const status = await client.status("Archive", { messages: true });
    expect(status && status.messages).toBe(1);
  });

  it("keeps a \\Draft as my draft in Drafts, and tells a session that has the folder open", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const client = await connect(alice.email, alice.token);
    await client.mailboxOpen("Drafts");
    const exists: number[] = [];
    client.on("exists", (e: { count: number }) => exists.push(e.count));
    // imapflow drops \Draft (not a permanent flag here): a message kept in Drafts is a draft all the same.
    await client.append("Drafts", message(alice.email, bob.email, "half written", uniq("d") + "@x.test"), ["\\Draft"]);
    await client.noop();
    expect(exists).toEqual([1]);
    const [draft] = await folder(alice, "Drafts");
    expect(draft!.Subject).toBe("half written");
    const view = await alice.json(`/api/v1/drafts/${draft!.ID}`);
    expect(view.body.To, JSON.stringify(view)).toEqual([{ Name: "", Email: bob.email }]);
    expect((await bob.json("/api/v1/messages")).body.messages_count).toBe(0);
  });

  it("recognises the copy a client saves to Sent of what it just sent through Sandpit's SMTP, instead of storing it twice", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const mid = `${uniq("sent")}@client.test`;
    const source = message(alice.email, bob.email, "sent from thunderbird", mid);
    const sent = await submit(
      stack.app.server.smtp.port,
      { from: alice.email, raw: source, envelope: { from: alice.email, to: [bob.email] } },
      { auth: { user: alice.email, pass: alice.token } },
    );
    expect(sent.ok).toBe(true);
    const client = await connect(alice.email, alice.token);
    const before = await client.mailboxOpen("Sent");
    const stored = await client.append("Sent", source, ["\\Seen"]);
    expect(stored && stored.uid).toBe(before.uidNext - 1);
    const mine = await folder(alice, "Sent");
    expect(mine.map((m) => [m.Subject, m.Read])).toEqual([["sent from thunderbird", true]]);
    expect((await folder(bob, "Inbox")).map((m) => m.Subject)).toEqual(["sent from thunderbird"]);
  });

  it("answers TRYCREATE for a folder I do not have and BAD for a malformed APPEND", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const body = message(alice.email, alice.email, "x", "x@x.test");
    const out = await raw(
      [
        `a0 LOGIN ${alice.email} ${alice.token}`,
        `a1 APPEND Nowhere {${body.length}+}\r\n${body}`,
        "a2 APPEND INBOX",
        'a3 APPEND INBOX (\\Seen) "not a literal"',
      ],
      "a3",
    );
    expect(out).toMatch(/a1 NO \[TRYCREATE\]/);
    expect(out).toMatch(/a2 BAD/);
    expect(out).toMatch(/a3 BAD|a3 NO/);
  });
});
