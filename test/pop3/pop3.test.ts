import { describe, expect, it } from "vitest";
import { send } from "../imap/client.js";
import { submit } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { loggedIn, sizes, unstuffed } from "./client.js";

const stack = useStack();

const subjectsOf = async (user: TestUser) =>
  ((await user.json("/api/v1/messages?folder=Inbox")).body.messages as { Subject: string }[]).map((m) => m.Subject).sort();

/** numberOf is the message number UIDL gives a message ID in a listing. */
const numberOf = (uidl: string, id: string) => new RegExp(`^(\\d+) ${id}$`, "m").exec(uidl)?.[1];

describe("POP3: my Inbox for mail clients that download", () => {
  it("lists, sizes and retrieves my messages exactly, dot-stuffed, with stable unique ids", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const source1 = [
      `From: ${bob.email}`,
      `To: ${alice.email}`,
      "Subject: first",
      "",
      "line one",
      ".starts with a dot",
      "..two dots",
      ".",
      "",
    ].join("\r\n");
    const sent = await submit(
      stack.app.server.smtp.port,
      { from: bob.email, raw: source1, envelope: { from: bob.email, to: [alice.email] } },
      { auth: { user: bob.email, pass: bob.token } },
    );
    if (!sent.ok) throw new Error("not sent");
    const first = sent.id;
    await send(bob, [alice.email], "second", { html: "<p>second</p>" });
    const c = await loggedIn(stack, alice);
    const stat = /^\+OK (\d+) (\d+)\r\n$/.exec(await c.cmd("STAT"))!;
    expect(stat[1]).toBe("2");
    const listed = sizes(await c.cmd("LIST", true));
    expect([...listed.keys()]).toEqual([1, 2]);
    expect(listed.get(1)! + listed.get(2)!).toBe(Number(stat[2]));
    const uidl = await c.cmd("UIDL", true);
    const n = numberOf(uidl, first)!;
    expect(n).toBeDefined();
    const retr = await c.cmd(`RETR ${n}`, true);
    expect(retr).toMatch(new RegExp(`^\\+OK ${listed.get(Number(n))} octets\r\n`));
    expect(retr).toMatch(/\r\n\.\.starts with a dot\r\n\.\.\.two dots\r\n\.\.\r\n\.\r\n$/);
    // Undo the stuffing: the bytes are exactly the message, and as many as LIST said.
    const source = unstuffed(retr);
    expect(source.endsWith(source1)).toBe(true);
    expect(source.length).toBe(listed.get(Number(n)));
    for (const [m, size] of listed) expect(unstuffed(await c.cmd(`RETR ${m}`, true)).length).toBe(size);
    expect(await c.cmd(`LIST ${n}`)).toBe(`+OK ${n} ${listed.get(Number(n))}\r\n`);
    expect(await c.cmd(`UIDL ${n}`)).toBe(`+OK ${n} ${first}\r\n`);
    const top = await c.cmd(`TOP ${n} 1`, true);
    expect(top).toMatch(/Subject: first/);
    expect(top).toMatch(/\r\n\r\nline one\r\n\.\r\n$/);
    expect(await c.cmd(`TOP ${n} 0`, true)).toMatch(/Subject: first\r\n\r\n\.\r\n$/);
    expect(await c.cmd("QUIT")).toMatch(/^\+OK/);
    // Downloading changes nothing: the messages stay unread.
    expect(((await alice.json("/api/v1/messages")).body.messages as { Read: boolean }[]).map((m) => m.Read)).toEqual([false, false]);
    // The unique-ids are the same in the next session, even when new mail shifts the numbers.
    await send(bob, [alice.email], "third");
    const again = await loggedIn(stack, alice);
    const uidl2 = await again.cmd("UIDL", true);
    expect(uidl2.split("\r\n").length).toBe(uidl.split("\r\n").length + 1);
    for (const [, id] of uidl.matchAll(/^\d+ (\S+)$/gm)) expect(numberOf(uidl2, id!)).toBeDefined();
    again.close();
  });

  it("deletes at QUIT from my Inbox only; RSET undoes, and a dropped connection deletes nothing", async () => {
    const [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((n) => registerUser(stack.app, uniq(n))));
    const shared = await send(alice!, [bob!.email, carol!.email], "shared");
    await send(alice!, [bob!.email], "another");
    const dropped = await loggedIn(stack, bob!);
    const sharedN = numberOf(await dropped.cmd("UIDL", true), shared)!;
    expect(await dropped.cmd(`DELE ${sharedN}`)).toMatch(/^\+OK/);
    dropped.close();
    // Nothing happens at a drop (RFC 1939 §6: no UPDATE state), so the next session still has both.
    const c = await loggedIn(stack, bob!);
    expect(await c.cmd("STAT")).toMatch(/^\+OK 2 /);
    expect(await subjectsOf(bob!)).toEqual(["another", "shared"]);

    expect(await c.cmd("DELE 1")).toMatch(/^\+OK/);
    expect(await c.cmd("DELE 1")).toMatch(/^-ERR message 1 is already deleted/);
    expect(await c.cmd("RETR 1")).toMatch(/^-ERR message 1 is already deleted/);
    expect(await c.cmd("LIST", true)).toMatch(/^\+OK 1 messages\r\n2 \d+\r\n\.\r\n$/);
    expect(await c.cmd("RSET")).toMatch(/^\+OK/);
    expect(await c.cmd("STAT")).toMatch(/^\+OK 2 /);
    expect(await c.cmd(`DELE ${sharedN}`)).toMatch(/^\+OK/);
    expect(await c.cmd("QUIT")).toMatch(/^\+OK .*1 messages deleted/);
    await c.closed();
    // Gone from bob's Inbox only: carol still has it, and so does alice's Sent.
    expect(await subjectsOf(bob!)).toEqual(["another"]);
    expect((await bob!.json(`/api/v1/message/${shared}`)).status).toBe(404);
    expect(await subjectsOf(carol!)).toEqual(["shared"]);
    expect((await carol!.json(`/api/v1/message/${shared}`)).status).toBe(200);
    expect(((await alice!.json("/api/v1/messages?folder=Sent")).body.messages as unknown[]).length).toBe(2);
  });

  it("keeps to my mailbox: a Bcc recipient's RETR has no Bcc line and LIST counts what RETR sends; another user sees none of my mail", async () => {
    const [alice, bob, carol, mallory] = await Promise.all(
      ["alice", "bob", "carol", "mallory"].map((n) => registerUser(stack.app, uniq(n))),
    );
    await send(alice!, [bob!.email, alice!.email], "secret plan", { bcc: [carol!.email] });
    for (const [who, bccLine] of [
      [carol!, false],
      [bob!, false],
      [alice!, true],
    ] as const) {
      const c = await loggedIn(stack, who);
      const retr = await c.cmd("RETR 1", true);
      expect(retr).toMatch(/Subject: secret plan/);
      if (bccLine) expect(retr).toMatch(new RegExp(`^Bcc: .*${carol!.email}`, "im"));
      else expect(retr).not.toMatch(/^Bcc:|for <[^>]*>/im);
      // Mailpit's send API leaves the last line without CRLF: RETR ends it, and LIST counts those two octets.
      expect(retr.endsWith("\r\nbody of secret plan\r\n.\r\n")).toBe(true);
      expect(unstuffed(retr).length).toBe(sizes(await c.cmd("LIST", true)).get(1));
      // TOP reads the same header as RETR: the Bcc line for the sender alone.
      const top = await c.cmd("TOP 1 0", true);
      expect(top).toMatch(/Subject: secret plan/);
      if (bccLine) expect(top).toMatch(new RegExp(`^Bcc: .*${carol!.email}`, "im"));
      else expect(top).not.toMatch(/^Bcc:|for <[^>]*>/im);
      expect(await c.cmd("QUIT")).toMatch(/^\+OK/);
    }
    const m = await loggedIn(stack, mallory!);
    expect(await m.cmd("STAT")).toBe("+OK 0 0\r\n");
    expect(await m.cmd("RETR 1")).toMatch(/^-ERR no message 1/);
    expect(await m.cmd("DELE 1")).toMatch(/^-ERR no message 1/);
    expect(await m.cmd("TOP 1 0")).toMatch(/^-ERR no message 1/);
    expect(await m.cmd("LIST", true)).toBe("+OK 0 messages\r\n.\r\n");
    expect(await m.cmd("UIDL", true)).toBe("+OK unique-id listing follows\r\n.\r\n");
    m.close();
  });
});
