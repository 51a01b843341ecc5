import { describe, expect, it } from "vitest";
import { rawRequest } from "../support/raw-http.js";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";

const stack = useStack({ SANDPIT_IMAPS_PORT: "0" });

describe("mail-client settings, the IMAP check and Thunderbird's autoconfig", () => {
  it("gives every door's real host, port and security, with my address as the username", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const { status, body } = await alice.json("/api/v1/mail-clients");
    expect(status).toBe(200);
    const s = stack.app.server;
    expect(body).toEqual({
      username: alice.email,
      password: "one of your tokens",
      doors: [
        { protocol: "IMAP", host: "127.0.0.1", port: s.imap.port, security: "STARTTLS offered", tlsPort: s.imap.tlsPort },
        { protocol: "POP3", host: "127.0.0.1", port: s.pop3.port, security: "STARTTLS offered", tlsPort: null },
        { protocol: "SMTP", host: "127.0.0.1", port: s.smtp.port, security: "STARTTLS offered", tlsPort: null },
      ],
    });
    expect((await (await fetch(`${stack.app.url}/api/v1/mail-clients`)).json()).error.code).toBe("UNAUTHORIZED");
  });

  it("logs in to Sandpit's own IMAP door and lists my folders, or reports the refusal", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const ok = await alice.json("/api/v1/mail-clients/check", jsonInit("POST", { password: alice.token }));
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    expect(ok.body.folders).toEqual(expect.arrayContaining(["INBOX", "Sent", "Drafts", "Archive", "Junk", "Trash"]));
    const refused = await alice.json("/api/v1/mail-clients/check", jsonInit("POST", { password: "sp_wrong" }));
    expect(refused.body).toMatchObject({ ok: false, folders: [] });
    expect(refused.body.reply).toMatch(/AUTHENTICATIONFAILED|Invalid credentials/i);
    // Another user's token under my address is refused too: the door decides, not the page.
    const borrowed = await alice.json("/api/v1/mail-clients/check", jsonInit("POST", { password: bob.token }));
    expect(borrowed.body.ok).toBe(false);
    const bad = await alice.json("/api/v1/mail-clients/check", jsonInit("POST", { password: "" }));
    expect([bad.status, bad.body.error.code]).toEqual([400, "BAD_REQUEST"]);
  });

  it("serves Thunderbird's autoconfig without a token, at both paths, with implicit TLS first", async () => {
    const s = stack.app.server;
    for (const path of ["/.well-known/autoconfig/mail/config-v1.1.xml", "/mail/config-v1.1.xml"]) {
      const res = await fetch(`${stack.app.url}${path}?emailaddress=nobody%40shop.example`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^application\/xml/);
      const xml = await res.text();
      expect(xml).toContain('<emailProvider id="shop.example">');
      const servers = [
        ...xml.matchAll(
          /<(incoming|outgoing)Server type="(\w+)">\s*<hostname>([^<]+)<\/hostname>\s*<port>(\d+)<\/port>\s*<socketType>(\w+)</g,
        ),
      ].map((m) => `${m[2]} ${m[3]}:${m[4]} ${m[5]}`);
      expect(servers).toEqual([
        `imap 127.0.0.1:${s.imap.tlsPort} SSL`,
        `imap 127.0.0.1:${s.imap.port} STARTTLS`,
        `pop3 127.0.0.1:${s.pop3.port} STARTTLS`,
        `smtp 127.0.0.1:${s.smtp.port} STARTTLS`,
      ]);
      expect(xml).toContain("<username>%EMAILADDRESS%</username>");
    }
  });

  it("refuses a missing or malformed address with a JSON 400, so nothing hostile reaches the XML", async () => {
    for (const q of ["", "?emailaddress=", "?emailaddress=%3Cscript%3E%40x", '?emailaddress=a%40b"><x%3E']) {
      const res = await fetch(`${stack.app.url}/mail/config-v1.1.xml${q}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe("BAD_REQUEST");
    }
    // The Host guard still stands in front of it.
    const foreign = await rawRequest(stack.app.url, {
      method: "GET",
      path: "/mail/config-v1.1.xml?emailaddress=a%40b.example",
      headers: { host: "attacker.example" },
    });
    expect(foreign.status).toBe(403);
  });
});
