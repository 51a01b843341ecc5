import { describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { imapSession, send } from "./client.js";

const stack = useStack();

describe("IMAP sequence numbers while another door removes mail", () => {
  it("answers a FETCH with the messages still there and EXPUNGEISSUED for one removed meanwhile, and tells its EXPUNGE after", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const ids = [];
    for (const n of [1, 2, 3]) ids.push(await send(bob, [alice.email], `m${n}`));
    const imap = imapSession(stack);
    await imap.run("a0", `LOGIN ${alice.email} ${alice.token}`);
    expect(await imap.run("a1", "SELECT INBOX")).toMatch(/\* 3 EXISTS/);
    expect((await alice.fetch("/api/v1/messages", jsonInit("DELETE", { IDs: [ids[1]] }))).status).toBe(200);
    // FETCH, STORE and SEARCH keep the numbers the client knows (RFC 3501 §7.4.1): no EXPUNGE during them.
    const fetched = await imap.run("a2", "FETCH 1:3 (UID BODY.PEEK[TEXT])");
    expect(fetched.match(/\* (\d) FETCH \(UID (\d)/g)).toEqual(["* 1 FETCH (UID 1", "* 3 FETCH (UID 3"]);
    expect(fetched).toMatch(/\r\na2 NO \[EXPUNGEISSUED\] /);
    expect(fetched).not.toMatch(/EXPUNGE\r\n/);
    const searched = await imap.run("a3", "SEARCH ALL");
    expect(searched).toMatch(/^\* SEARCH 1 2 3\r\na3 OK/);
    // A command that may: the EXPUNGE comes, and from then on the third message is number 2.
    expect(await imap.run("a4", "NOOP")).toMatch(/^\* 2 EXPUNGE\r\na4 OK/);
    expect(await imap.run("a5", "FETCH 2 (UID BODY.PEEK[TEXT])")).toMatch(
      /^\* 2 FETCH \(UID 3 BODY\[TEXT\] \{\d+\}\r\nbody of m3\)\r\na5 OK/,
    );
    imap.close();
  });
});
