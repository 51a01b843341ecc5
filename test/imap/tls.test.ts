import net from "node:net";
import tls from "node:tls";
import { describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { caOf, rawImap, until, useImap } from "./client.js";

const stack = useStack({ SANDPIT_IMAPS_PORT: "0" });
const { connect, raw } = useImap(stack);

describe("IMAP over TLS", () => {
  it("offers STARTTLS in the clear only, and logs in after it with the sandbox's certificate", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    expect(await raw(["a1 CAPABILITY"], "a1")).toMatch(/\* CAPABILITY [^\r]*STARTTLS/);
    const client = await connect(alice.email, alice.token);
    expect(client.secureConnection).toBe(true);
    expect(client.capabilities.has("STARTTLS")).toBe(false);
    expect((await client.mailboxOpen("INBOX")).path).toBe("INBOX");
  });

  it("serves implicit TLS on SANDPIT_IMAPS_PORT", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const client = await connect(alice.email, alice.token, { secure: true });
    expect((await client.list()).map((f) => f.path)).toContain("Sent");
    const socket = tls.connect({ port: stack.app.server.imap.tlsPort!, host: "127.0.0.1", ca: caOf(stack), servername: "localhost" });
    await new Promise((r) => socket.once("secureConnect", r));
    const out = await rawImap(0, ["a1 CAPABILITY", "a2 STARTTLS"], "a2", socket);
    expect(out).not.toMatch(/\* CAPABILITY [^\r]*STARTTLS/);
    expect(out).toMatch(/a2 BAD the connection is already encrypted/);
  });

  it("drops a command pipelined behind STARTTLS in the clear (it never runs encrypted)", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const plain = net.connect(stack.app.server.imap.port, "127.0.0.1");
    let seen = "";
    plain.on("data", (d: Buffer) => (seen += d.toString("latin1")));
    await new Promise((r) => plain.once("connect", r));
    plain.write(`a1 STARTTLS\r\na2 LOGIN ${alice.email} ${alice.token}\r\n`);
    await until(() => /a1 OK/.test(seen));
    plain.removeAllListeners("data");
    const secured = tls.connect({ socket: plain, ca: caOf(stack), servername: "localhost" });
    await new Promise((r) => secured.once("secureConnect", r));
    const out = await rawImap(0, ["a3 SELECT INBOX"], "a3", secured);
    expect(seen).not.toMatch(/a2 /);
    expect(out).not.toMatch(/a2 /);
    expect(out).toMatch(/a3 BAD SELECT is not allowed before LOGIN/);
  });
});
