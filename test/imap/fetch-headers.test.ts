import { describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { send, useImap } from "./client.js";

const stack = useStack();
const { connect, raw } = useImap(stack);

describe("IMAP FETCH of envelopes and header fields from the index", () => {
  it("answers ENVELOPE and HEADER.FIELDS from the headers the index keeps, without Mailpit; a body still needs Mailpit", async () => {
    const [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((n) => registerUser(stack.app, uniq(n))));
    await send(alice!, [bob!.email], "kept header", { bcc: [carol!.email] });
    const before = await connect(carol!.email, carol!.token);
    await before.mailboxOpen("INBOX");
    const [viaMailpit] = await before.fetchAll("1", { source: true });
    // Mailpit goes away: only the index can answer now.
    await stack.mp.stop();
    const client = await connect(carol!.email, carol!.token);
    await client.mailboxOpen("INBOX");
    const [m] = await client.fetchAll("1", { envelope: true, headers: ["subject", "bcc", "to"] });
    expect(m!.envelope!.subject).toBe("kept header");
    expect(m!.envelope!.to!.map((a) => a.address)).toEqual([bob!.email]);
    // Carol was a Bcc recipient: neither the envelope nor the header fields name a Bcc.
    expect(m!.envelope!.bcc ?? []).toEqual([]);
    expect(m!.headers!.toString()).not.toMatch(/^bcc:/im);
    // The header the index kept is the header Mailpit had, as carol may read it.
    const head = viaMailpit!.source!.subarray(0, viaMailpit!.source!.indexOf("\r\n\r\n") + 4);
    const out = await raw(
      [`a0 LOGIN ${carol!.email} ${carol!.token}`, "a1 SELECT INBOX", "a2 FETCH 1 BODY.PEEK[HEADER]", "a3 FETCH 1 BODY.PEEK[TEXT]"],
      "a3",
    );
    expect(out).toContain(`BODY[HEADER] {${head.length}}\r\n${head.toString("latin1")}`);
    expect(out).toMatch(/a3 NO /);
    // The sender's envelope from the same kept header has the Bcc.
    const sender = await connect(alice!.email, alice!.token);
    await sender.mailboxOpen("Sent");
    const [mine] = await sender.fetchAll("1", { envelope: true });
    expect(mine!.envelope!.bcc!.map((a) => a.address)).toEqual([carol!.email]);
  });
});
