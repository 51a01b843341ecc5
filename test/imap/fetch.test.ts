import type { FetchMessageObject, ImapFlow } from "imapflow";
import { describe, expect, it } from "vitest";
import { eml } from "../support/eml.js";
import { accepted, submit } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { send, useImap } from "./client.js";

const stack = useStack();
const { connect, raw } = useImap(stack);

/** deliverFixtures sends fixtures (test/fixtures/imap) as an app under test would, over Sandpit's SMTP, to `to`. */
async function deliverFixtures(to: TestUser, names: string[]): Promise<void> {
  for (const name of names) {
    const source = eml(`imap/${name}`).toString("latin1");
    accepted(
      await submit(stack.app.server.smtp.port, {
        from: "app@example.test",
        raw: source,
        envelope: { from: "app@example.test", to: [to.email] },
      }),
    );
  }
}

/** inbox logs `user` in over IMAP with the Inbox open. */
async function inbox(user: TestUser): Promise<ImapFlow> {
  const client = await connect(user.email, user.token);
  await client.mailboxOpen("INBOX");
  return client;
}

/** found unwraps a fetchOne answer (imapflow answers false for a message it did not get). */
async function found(answer: Promise<FetchMessageObject | false | undefined>): Promise<FetchMessageObject> {
  const m = await answer;
  if (!m) throw new Error("the message was not fetched");
  return m;
}

/** decoded is a fetched part's content with its transfer encoding undone. */
const decoded = (part: Buffer | undefined, encoding: "base64" | "quoted-printable") =>
  encoding === "base64"
    ? Buffer.from(part!.toString(), "base64")
    : Buffer.from(
        part!
          .toString()
          .replace(/=\r\n/g, "")
          .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
        "latin1",
      );

describe("IMAP FETCH: envelopes, body structures and sections", () => {
  it("gives a mail client each message's envelope and structure, and the parts it asks for, as delivered", async () => {
    const bob = await registerUser(stack.app, uniq("bob"));
    await deliverFixtures(bob, ["alternative", "attachment", "related", "nested", "encoded-subject", "group", "no-content-type"]);
    const client = await inbox(bob);
    const all = await client.fetchAll("1:*", { uid: true, envelope: true, bodyStructure: true });
    expect(all.map((m) => m.envelope!.subject)).toEqual([
      "Text and HTML",
      "The report",
      "With a logo",
      "Fwd: Text and HTML",
      "Grüße aus München",
      "Group mail",
      "No MIME at all",
    ]);
    const [alternative, attachment, related, nested, encoded, group, plain] = all;
    expect(alternative!.envelope).toMatchObject({
      messageId: "<alt-1@example.test>",
      inReplyTo: "<plain-1@example.test>",
      from: [{ name: "Alice Example", address: "alice@example.test" }],
      to: [{ name: "Bob", address: "bob@example.test" }, { address: "carol@example.test" }],
      cc: [{ address: "dave@example.test" }],
    });
    expect(encoded!.envelope!.from).toEqual([{ name: "Jörg Müller", address: "joerg@example.test" }]);
    expect(group!.envelope).toMatchObject({
      sender: [{ name: "Mailer", address: "mailer@example.test" }],
      replyTo: [{ address: "replies@example.test" }],
    });
    expect(group!.envelope!.to!.map((a) => a.address)).toEqual(
      expect.arrayContaining(["bob@example.test", "carol@example.test", "dave@example.test"]),
    );

    expect(alternative!.bodyStructure).toMatchObject({
      type: "multipart/alternative",
      childNodes: [
        { part: "1", type: "text/plain", encoding: "quoted-printable", parameters: { charset: "utf-8" } },
        { part: "2", type: "text/html" },
      ],
    });
    expect(attachment!.bodyStructure!.childNodes![1]).toMatchObject({
      part: "2",
      type: "application/pdf",
      encoding: "base64",
      size: 106,
      disposition: "attachment",
      dispositionParameters: { filename: "report.pdf" },
      language: ["en", "de"],
    });
    expect(related!.bodyStructure).toMatchObject({
      type: "multipart/related",
      childNodes: [
        { part: "1", type: "multipart/alternative" },
        { part: "2", type: "image/png", id: "<logo@example.test>", disposition: "inline" },
      ],
    });
    expect(nested!.bodyStructure!.childNodes![1]).toMatchObject({
      part: "2",
      type: "message/rfc822",
      size: 384,
      lineCount: 17,
      envelope: { subject: "Original", from: [{ name: "Carol", address: "carol@example.test" }] },
      childNodes: [{ part: "2", type: "multipart/alternative", childNodes: [{ part: "2.1" }, { part: "2.2", type: "text/html" }] }],
    });
    expect(plain!.bodyStructure).toMatchObject({ type: "text/plain", parameters: { charset: "us-ascii" }, size: 30, lineCount: 2 });

    // The parts themselves, decoded by the test, are what was sent.
    const alt = await found(client.fetchOne(String(alternative!.uid), { bodyParts: ["1", "2"], headers: ["subject"] }, { uid: true }));
    expect(decoded(alt.bodyParts!.get("1"), "quoted-printable").toString("utf8")).toBe("Café at noon?");
    expect(decoded(alt.bodyParts!.get("2"), "quoted-printable").toString("utf8")).toBe("<p>Café at <b>noon</b>?</p>");
    expect(alt.headers!.toString()).toBe("Subject: Text and HTML\r\n\r\n");
    const pdf = await found(client.fetchOne(String(attachment!.uid), { bodyParts: ["1", "2"] }, { uid: true }));
    expect(pdf.bodyParts!.get("1")!.toString()).toBe("The report is attached.");
    expect(decoded(pdf.bodyParts!.get("2"), "base64").toString("latin1")).toMatch(/^%PDF-1\.4\n[\s\S]*%%EOF\n$/);
    const logo = await found(client.fetchOne(String(related!.uid), { bodyParts: ["1.2", "2", "2.mime"] }, { uid: true }));
    expect(logo.bodyParts!.get("1.2")!.toString()).toContain('src="cid:logo@example.test"');
    expect(decoded(logo.bodyParts!.get("2"), "base64").subarray(0, 8)).toEqual(Buffer.from("\x89PNG\r\n\x1a\n", "latin1"));
    expect(logo.bodyParts!.get("2.mime")!.toString()).toMatch(/^Content-Type: image\/png\r\n[\s\S]*\r\n\r\n$/);
    const fwd = await found(client.fetchOne(String(nested!.uid), { bodyParts: ["2.1", "2.2", "2.header"] }, { uid: true }));
    expect([fwd.bodyParts!.get("2.1")!.toString(), fwd.bodyParts!.get("2.2")!.toString()]).toEqual([
      "Original text.",
      "<p>Original text.</p>",
    ]);
    expect(fwd.bodyParts!.get("2.header")!.toString()).toMatch(/^From: Carol <carol@example.test>\r\n[\s\S]*boundary="inner"\r\n\r\n$/);
    // BODY.PEEK left everything unread.
    expect((await client.fetchAll("1:*", { flags: true })).every((m) => !m.flags!.has("\\Seen"))).toBe(true);
  });

  it("answers the exact syntax RFC 3501 gives for HEADER.FIELDS, a partial, ALL, and marks read on BODY[]", async () => {
    const bob = await registerUser(stack.app, uniq("bob"));
    await deliverFixtures(bob, ["plain"]);
    const whole = (await found((await inbox(bob)).fetchOne("1", { source: true }))).source!;
    const out = await raw(
      [
        `a1 LOGIN ${bob.email} ${bob.token}`,
        "a2 SELECT INBOX",
        "a3 FETCH 1 (BODY.PEEK[HEADER.FIELDS (subject FROM)])",
        "a4 FETCH 1 BODY.PEEK[]<0.20>",
        "a5 FETCH 1 ALL",
        "a6 FETCH 1 (FLAGS BODY[1]<6.3>)",
      ],
      "a6",
    );
    const fields = "From: Alice Example <alice@example.test>\r\nSubject: A plain note,\r\n folded over two lines\r\n\r\n";
    expect(out).toContain(`\r\n* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT FROM)] {${fields.length}}\r\n${fields})\r\na3 OK`);
    expect(out).toContain(`\r\n* 1 FETCH (BODY[]<0> {20}\r\n${whole.subarray(0, 20).toString("latin1")})\r\na4 OK`);
    expect(out).toMatch(
      /\r\n\* 1 FETCH \(FLAGS \(\) INTERNALDATE "\d\d-\w{3}-\d{4} \d\d:\d\d:\d\d \+0000" RFC822\.SIZE \d+ ENVELOPE \("Tue, 01 Jul 2025 10:00:00 \+0000" "A plain note, folded over two lines" \(\("Alice Example" NIL "alice" "example\.test"\)\) \(\("Alice Example" NIL "alice" "example\.test"\)\) \(\("Alice Example" NIL "alice" "example\.test"\)\) \(\(NIL NIL "bob" "example\.test"\)\) NIL NIL NIL "<plain-1@example\.test>"\)\)\r\na5 OK/,
    );
    expect(out).toContain("\r\n* 1 FETCH (FLAGS (\\Seen) BODY[1]<6> {3}\r\nBob)\r\na6 OK");
  });

  it("indexes and serves, redacted, a message whose own Received header is one long run that a backtracking match chokes on", async () => {
    const [bob, carol] = await Promise.all(["bob", "carol"].map((n) => registerUser(stack.app, uniq(n))));
    const hostile = `from app by app.test for <${"@".repeat(24_000)}<`;
    const source = [`Received: ${hostile}`, "From: app@example.test", `To: ${bob!.email}`, "Subject: long received", "", "hi", ""].join(
      "\r\n",
    );
    const started = Date.now();
    accepted(
      await submit(stack.app.server.smtp.port, {
        from: "app@example.test",
        raw: source,
        envelope: { from: "app@example.test", to: [carol!.email, bob!.email] },
      }),
    );
    const [forBob, forCarol] = await Promise.all(
      [bob!, carol!].map(async (u) => (await found((await inbox(u)).fetchOne("1", { source: true }))).source!.toString("latin1")),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    // Both read the app's own Received line as written; neither learns the Bcc from Mailpit's.
    for (const text of [forBob!, forCarol!]) {
      expect(text).toContain(hostile);
      expect(text).not.toContain(carol!.email);
    }
  });

  it("shows a Bcc recipient no bcc in ENVELOPE, the sender all of it, and a stranger nothing whatever UIDs they guess", async () => {
    const [alice, bob, carol, stranger] = await Promise.all(
      ["alice", "bob", "carol", "stranger"].map((n) => registerUser(stack.app, uniq(n))),
    );
    await send(alice!, [bob!.email], "quiet copy", { bcc: [carol!.email] });
    const forCarol = await found((await inbox(carol!)).fetchOne("1", { envelope: true, headers: ["bcc"] }));
    expect(forCarol.envelope!.subject).toBe("quiet copy");
    expect(forCarol.envelope!.bcc ?? []).toEqual([]);
    expect(forCarol.headers!.toString()).toBe("\r\n");
    const forBob = await found((await inbox(bob!)).fetchOne("1", { envelope: true }));
    expect(forBob.envelope!.bcc ?? []).toEqual([]);
    const aliceClient = await connect(alice!.email, alice!.token);
    await aliceClient.mailboxOpen("Sent");
    const forAlice = await found(aliceClient.fetchOne("1", { envelope: true }));
    expect(forAlice.envelope!.bcc).toMatchObject([{ address: carol!.email }]);

    await send(bob!, [stranger!.email], "the stranger's own");
    const strangerClient = await inbox(stranger!);
    const guessed = await strangerClient.fetchAll("1:1000", { envelope: true, bodyStructure: true, headers: ["subject"] }, { uid: true });
    expect(guessed.map((m) => m.envelope!.subject)).toEqual(["the stranger's own"]);
    const out = await raw(
      [`a1 LOGIN ${stranger!.email} ${stranger!.token}`, "a2 SELECT INBOX", "a3 UID FETCH 2:1000 (ENVELOPE BODY[])"],
      "a3",
    );
    expect(out).not.toMatch(/\* \d+ FETCH/);
    expect(out).toMatch(/a3 OK/);
  });
});
