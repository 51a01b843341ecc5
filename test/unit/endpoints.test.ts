import { describe, expect, it } from "vitest";
import { autoconfigXml } from "../../src/lib/autoconfig.js";
import { advertisedHost, dialHost } from "../../src/lib/endpoints.js";

describe("mail-client endpoints", () => {
  it("advertises the configured host, or for a wildcard the host the request came by", () => {
    expect(advertisedHost("mail.example.test", "other.example")).toBe("mail.example.test");
    expect(advertisedHost("0.0.0.0", "sandpit.example.test")).toBe("sandpit.example.test");
    expect(advertisedHost("::", undefined)).toBe("localhost");
    expect(dialHost("0.0.0.0")).toBe("127.0.0.1");
    expect(dialHost("10.0.0.5")).toBe("10.0.0.5");
  });

  it("escapes everything it writes into the autoconfig XML", () => {
    const doors = [
      { protocol: "IMAP" as const, host: 'h"<&>', port: 1, security: "STARTTLS offered" as const, tlsPort: null },
      { protocol: "SMTP" as const, host: "s", port: 2, security: "STARTTLS offered" as const, tlsPort: null },
    ];
    const xml = autoconfigXml("a&b'<c>", doors);
    expect(xml).toContain("<domain>a&amp;b&apos;&lt;c&gt;</domain>");
    expect(xml).toContain("<hostname>h&quot;&lt;&amp;&gt;</hostname>");
    expect(xml).not.toMatch(/<c>|<&/);
  });
});
