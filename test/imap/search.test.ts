import { describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { send, useImap } from "./client.js";

const stack = useStack();
const { connect, raw } = useImap(stack);

/** searchRaw runs SEARCH commands in INBOX (or `folder`) and answers each command's hits. */
async function searchRaw(user: { email: string; token: string }, criteria: string[], folder = "INBOX"): Promise<string[]> {
  const lines = [`a0 LOGIN ${user.email} ${user.token}`, `a1 SELECT ${folder}`, ...criteria.map((c, i) => `s${i} ${c}`)];
  const out = await raw(lines, `s${criteria.length - 1}`);
  return criteria.map((_, i) => {
    const m = new RegExp(`\\* SEARCH([ \\d]*)\\r\\ns${i} OK`).exec(out);
    return m ? m[1]!.trim() : `no answer: ${out.slice(out.indexOf(`s${i} `)).split("\r\n")[0]}`;
  });
}

describe("IMAP SEARCH", () => {
  it("answers text keys from the index and flags, sizes, dates and sets from my entries, with NOT, OR and groups", async () => {
    const [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((n) => registerUser(stack.app, uniq(n))));
    await send(bob!, [alice!.email], "Invoice March", { text: "please pay the amount due" });
    await send(carol!, [alice!.email], "Lunch?", { text: "pizza or sushi" });
    await send(bob!, [alice!.email], "Invoice April", { text: "second reminder, a very long body ".repeat(200) });
    const client = await connect(alice!.email, alice!.token);
    await client.mailboxOpen("INBOX");
    await client.messageFlagsAdd("2", ["\\Flagged"]);
    await client.messageFlagsAdd("1", ["\\Seen"]);
    const today = new Date();
    const imapDay = `${today.getUTCDate()}-${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][today.getUTCMonth()]}-${today.getUTCFullYear()}`;
    expect(
      await searchRaw(alice!, [
        "SEARCH ALL",
        'SEARCH SUBJECT "invoice"',
        `SEARCH FROM "${bob!.email}"`,
        "SEARCH BODY pizza",
        "SEARCH TEXT sushi",
        "SEARCH UNSEEN",
        "SEARCH FLAGGED",
        "SEARCH NOT FLAGGED",
        "SEARCH OR FLAGGED SEEN",
        "SEARCH (SUBJECT invoice UNSEEN)",
        "SEARCH LARGER 3000",
        `SEARCH ON ${imapDay}`,
        "SEARCH BEFORE 1-Jan-2000",
        "SEARCH 2:*",
        "UID SEARCH UID 1:2",
        "SEARCH HEADER Subject april",
        "SEARCH HEADER Content-Type text/plain",
        "SEARCH CHARSET UTF-8 SUBJECT lunch",
        "SEARCH NEW",
      ]),
    ).toEqual(["1 2 3", "1 3", "1 3", "2", "2", "2 3", "2", "1 3", "1 2", "3", "3", "1 2 3", "", "2 3", "1 2", "3", "1 2 3", "2", ""]);
  });

  it("keeps to my mailbox: a Bcc recipient cannot find the Bcc list, the sender can, and nobody finds another's mail", async () => {
    const [alice, bob, carol, mallory] = await Promise.all(
      ["alice", "bob", "carol", "mallory"].map((n) => registerUser(stack.app, uniq(n))),
    );
    await send(alice!, [bob!.email], "secret plan", { bcc: [carol!.email] });
    expect(await searchRaw(carol!, [`SEARCH BCC "${carol!.email}"`, "SEARCH SUBJECT secret", `SEARCH TEXT "${carol!.email}"`])).toEqual([
      "",
      "1",
      "",
    ]);
    expect(await searchRaw(alice!, [`SEARCH BCC "${carol!.email}"`], "Sent")).toEqual(["1"]);
    expect(await searchRaw(mallory!, ["SEARCH SUBJECT secret", "SEARCH ALL", "UID SEARCH UID 1:*"])).toEqual(["", "", ""]);
  });

  it("answers bad criteria with BAD or NO and keeps the connection", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    await send(alice, [alice.email], "hi");
    const out = await raw(
      [
        `a0 LOGIN ${alice.email} ${alice.token}`,
        "a1 SELECT INBOX",
        "a2 SEARCH FROB",
        "a3 SEARCH SINCE yesterday",
        "a4 SEARCH CHARSET KOI8-R ALL",
        "a5 SEARCH OR SEEN",
        "a7 SEARCH OR FROM x",
        `a8 SEARCH ${"NOT ".repeat(5000)}ALL`,
        `a9 SEARCH ${"(".repeat(5000)}ALL${")".repeat(5000)}`,
        "a6 SEARCH ALL",
      ],
      "a6",
    );
    // Each is the client's mistake, answered as one: BAD, never "try again later".
    expect(out).toMatch(/a7 BAD SEARCH is missing a key/);
    expect(out).toMatch(/a8 BAD SEARCH criteria nest more than 64 deep/);
    expect(out).toMatch(/a9 BAD lists nest more than 32 deep/);
    expect(out).toMatch(/a2 BAD unknown SEARCH key FROB/);
    expect(out).toMatch(/a3 BAD yesterday is not a date/);
    expect(out).toMatch(/a4 NO \[BADCHARSET \(UTF-8 US-ASCII\)\]/);
    expect(out).toMatch(/a5 BAD SEARCH OR needs two keys/);
    expect(out).toMatch(/\* SEARCH 1\r\na6 OK/);
  });
});
