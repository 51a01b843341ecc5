import { describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { send, until, useImap } from "./client.js";

const stack = useStack();
const { connect, raw } = useImap(stack);

/** mine is how REST shows a user's messages in a folder: subject, read, starred. */
const mine = async (user: TestUser, folder: string) =>
  ((await user.json(`/api/v1/messages?folder=${folder}`)).body.messages as { Subject: string; Read: boolean; Starred: boolean }[]).map(
    (m) => [m.Subject, m.Read, m.Starred],
  );

describe("IMAP isolation: every command keeps to my own mailbox", () => {
  it("lets a stranger's STATUS, STORE, COPY, MOVE and EXPUNGE with guessed numbers count, change or delete nothing of another user's", async () => {
    const [alice, bob, mallory] = await Promise.all(["alice", "bob", "mallory"].map((n) => registerUser(stack.app, uniq(n))));
    await send(bob!, [alice!.email], "for alice");
    await send(mallory!, [mallory!.email], "mallory's own");
    const out = await raw(
      [
        `a0 LOGIN ${mallory!.email} ${mallory!.token}`,
        "a1 STATUS INBOX (MESSAGES UNSEEN UIDNEXT)",
        "a2 SELECT INBOX",
        "a3 UID STORE 1:1000 +FLAGS (\\Seen \\Flagged \\Deleted)",
        "a4 UID COPY 1:1000 Archive",
        "a5 UID MOVE 1:1000 Junk",
        "a6 UID EXPUNGE 1:1000",
        "a7 STATUS Archive (MESSAGES)",
        "a8 STATUS Junk (MESSAGES)",
      ],
      "a8",
    );
    expect(out).toMatch(/\* STATUS "INBOX" \(MESSAGES 1 UNSEEN 1 UIDNEXT 2\)/);
    expect(out).toMatch(/\* STATUS "Archive" \(MESSAGES 1\)/);
    expect(out).toMatch(/\* STATUS "Junk" \(MESSAGES 1\)/);
    // Only mallory's own message was copied, moved and expunged (one COPYUID, one EXPUNGE); alice's and bob's copies are as they were.
    expect(await mine(alice!, "Inbox")).toEqual([["for alice", false, false]]);
    expect(await mine(bob!, "Sent")).toEqual([["for alice", false, false]]);
    expect(out.match(/\* \d+ EXPUNGE/g)).toEqual(["* 1 EXPUNGE"]);
    expect(await mine(alice!, "Archive")).toEqual([]);
    expect(await mine(mallory!, "Junk")).toEqual([["mallory's own", true, true]]);
    expect(await mine(mallory!, "Archive")).toEqual([["mallory's own", true, true]]);
    const status = await raw([`a0 LOGIN ${alice!.email} ${alice!.token}`, "a1 STATUS INBOX (MESSAGES UNSEEN)"], "a1");
    expect(status).toMatch(/\* STATUS "INBOX" \(MESSAGES 1 UNSEEN 1\)/);
  });

  it("shows a Bcc recipient no Bcc in any header item, and sizes that are those of the bytes she reads", async () => {
    const [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((n) => registerUser(stack.app, uniq(n))));
    await send(alice!, [bob!.email], "quiet copy", { bcc: [carol!.email] });
    for (const [who, folder, seesBcc] of [
      [carol!, "INBOX", false],
      [bob!, "INBOX", false],
      [alice!, "Sent", true],
    ] as const) {
      const out = await raw(
        [
          `a0 LOGIN ${who.email} ${who.token}`,
          `a1 EXAMINE ${folder}`,
          "a2 FETCH 1 (RFC822.SIZE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (BCC RECEIVED)] BODY.PEEK[HEADER] BODY.PEEK[])",
          `a3 SEARCH HEADER BCC "${carol!.email}"`,
          `a4 SEARCH TEXT "${carol!.email}"`,
        ],
        "a4",
      );
      const size = Number(/RFC822\.SIZE (\d+)/.exec(out)![1]);
      const whole = /BODY\[\] \{(\d+)\}\r\n/.exec(out)!;
      expect(size).toBe(Number(whole[1]));
      const fetched = out.slice(out.indexOf("* 1 FETCH"), out.indexOf("\r\na2 OK"));
      if (seesBcc) expect(fetched).toContain(carol!.email);
      else expect(fetched).not.toContain(carol!.email);
      expect(out).toMatch(seesBcc ? /\* SEARCH 1\r\na3 OK/ : /\* SEARCH\r\na3 OK/);
      expect(out).toMatch(seesBcc ? /\* SEARCH 1\r\na4 OK/ : /\* SEARCH\r\na4 OK/);
    }
  });

  it("wakes an idling session for my new mail only, never for another user's", async () => {
    const [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((n) => registerUser(stack.app, uniq(n))));
    const [forAlice, forBob] = await Promise.all([connect(alice!.email, alice!.token), connect(bob!.email, bob!.token)]);
    const told: string[] = [];
    for (const [name, client] of [
      ["alice", forAlice],
      ["bob", forBob],
    ] as const) {
      await client.mailboxOpen("INBOX");
      client.on("exists", (e: { count: number }) => told.push(`${name} ${e.count}`));
      void client.idle();
    }
    await until(() => [forAlice, forBob].every((c) => (c as unknown as { idling: boolean }).idling));
    await send(carol!, [alice!.email], "alice only");
    await until(() => told.includes("alice 1"));
    // bob's session is told of his own mail when it comes, and of nothing before.
    await send(carol!, [bob!.email], "bob's turn");
    await until(() => told.includes("bob 1"));
    expect(told).toEqual(["alice 1", "bob 1"]);
  });
});
