import { describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { useImap, send as sendMail } from "./client.js";

// Three failed logins lock an address (the same login guard as every other door).
const stack = useStack({ SANDPIT_LOGIN_FAILURES_PER_ACCOUNT: "3" });
const { connect, raw } = useImap(stack);
const send = (from: Parameters<typeof sendMail>[0], to: string[], subject: string, bcc: string[] = []) =>
  sendMail(from, to, subject, { bcc });

describe("IMAP: my private mailbox for mail clients", () => {
  it("logs in with a token, lists my folders with special-use flags, and fetches my mail", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const sent = await send(bob, [alice.email], "hello over imap");
    const client = await connect(alice.email, alice.token);
    const folders = await client.list();
    // imapflow orders the list itself: compare as a set.
    expect(folders.map((f) => [f.path, f.specialUse ?? null]).sort()).toEqual(
      [
        ["INBOX", "\\Inbox"],
        ["Drafts", "\\Drafts"],
        ["Sent", "\\Sent"],
        ["Archive", "\\Archive"],
        ["Junk", "\\Junk"],
        ["Trash", "\\Trash"],
      ].sort(),
    );
    const box = await client.mailboxOpen("INBOX");
    expect(box.exists).toBe(1);
    const [msg] = await client.fetchAll("1:*", { uid: true, flags: true, source: true, internalDate: true, size: true });
    expect(msg!.source!.toString()).toContain("Subject: hello over imap");
    expect(msg!.flags!.has("\\Seen")).toBe(false);
    expect(msg!.size).toBe(msg!.source!.length);
    // BODY.PEEK[] left it unread; \Seen through IMAP is my read state everywhere.
    await client.messageFlagsAdd({ uid: msg!.uid } as never, ["\\Seen", "\\Flagged"], { uid: true });
    const summary = (await alice.json("/api/v1/messages")).body.messages.find((m: any) => m.ID === sent);
    expect([summary.Read, summary.Starred]).toEqual([true, true]);
    const mine = (await bob.json("/api/v1/messages?folder=Sent")).body.messages[0];
    expect([mine.Read, mine.Starred]).toEqual([false, false]);
  });

  it("shows a Bcc recipient no Bcc line, and keeps everyone to their own mailbox", async () => {
    const [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((n) => registerUser(stack.app, uniq(n))));
    await send(alice!, [bob!.email], "secret plan", [carol!.email]);
    const carolClient = await connect(carol!.email, carol!.token);
    await carolClient.mailboxOpen("INBOX");
    const [forCarol] = await carolClient.fetchAll("1:*", { source: true });
    expect(forCarol!.source!.toString()).not.toMatch(/^Bcc:/im);
    const aliceClient = await connect(alice!.email, alice!.token);
    await aliceClient.mailboxOpen("Sent");
    const [forAlice] = await aliceClient.fetchAll("1:*", { source: true });
    expect(forAlice!.source!.toString()).toMatch(/^Bcc: .*carol/im);

    const stranger = await registerUser(stack.app, uniq("stranger"));
    const strangerClient = await connect(stranger.email, stranger.token);
    const inbox = await strangerClient.mailboxOpen("INBOX");
    expect(inbox.exists).toBe(0);
    // Guessing UIDs names nothing of anyone else's.
    expect(await strangerClient.fetchAll("1:100", { uid: true, source: true }, { uid: true })).toEqual([]);
  });

  it("refuses bad credentials with AUTHENTICATIONFAILED and a token used under another address", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const wrong = await raw([`a1 LOGIN ${alice.email} nottoken`], "a1");
    expect(wrong).toMatch(/a1 NO \[AUTHENTICATIONFAILED\]/);
    const borrowed = await raw([`a1 LOGIN ${bob.email} ${alice.token}`], "a1");
    expect(borrowed).toMatch(/a1 NO \[AUTHENTICATIONFAILED\]/);
    const plain = Buffer.from(`\u0000${alice.email}\u0000${alice.token}`).toString("base64");
    expect(await raw([`a1 AUTHENTICATE PLAIN ${plain}`], "a1")).toMatch(/a1 OK/);
  });

  it("locks an address after repeated failed logins, without saying whether it exists; a valid token still logs in", async () => {
    const carol = await registerUser(stack.app, uniq("carol"));
    const tries = ["a1", "a2", "a3"].map((t) => `${t} LOGIN ${carol.email} wrong-${t}`);
    const out = await raw([...tries, `a4 LOGIN ${carol.email} wrong-a4`], "a4");
    expect(out.match(/a[123] NO \[AUTHENTICATIONFAILED\]/g)).toHaveLength(3);
    expect(out).toMatch(/a4 NO \[UNAVAILABLE\] too many failed logins/);
    // A 256-bit token cannot be guessed: locking it would only let anyone stop carol's mail client.
    expect(await raw([`b1 LOGIN ${carol.email} ${carol.token}`], "b1")).toMatch(/b1 OK/);
  });

  it("answers malformed and out-of-state commands with BAD and keeps the connection", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const out = await raw(
      [
        "a1 SELECT INBOX",
        'a2 LOGIN "unterminated',
        "a3 FROB",
        `a4 LOGIN ${alice.email} ${alice.token}`,
        "a5 FETCH 1 FLAGS",
        'a6 SELECT "Nope"',
        "a7 NOOP",
        "a8 CHECK",
        "a9 SELECT INBOX",
        "b1 CHECK",
      ],
      "b1",
    );
    // CHECK is IMAP4rev1's (RFC 3501 §6.4.1), in the selected state only.
    expect(out).toMatch(/a8 BAD CHECK is not allowed without a selected folder/);
    expect(out).toMatch(/b1 OK/);
    expect(out).toMatch(/a1 BAD SELECT is not allowed before LOGIN/);
    expect(out).toMatch(/a2 BAD unterminated quoted string/);
    expect(out).toMatch(/a3 BAD unknown command FROB/);
    expect(out).toMatch(/a4 OK/);
    expect(out).toMatch(/a5 BAD FETCH is not allowed without a selected folder/);
    expect(out).toMatch(/a6 NO \[NONEXISTENT\]/);
    expect(out).toMatch(/a7 OK/);
  });
});
