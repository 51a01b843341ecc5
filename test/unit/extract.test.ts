import { describe, expect, it } from "vitest";
import { extractCodes, extractLinks } from "../../src/lib/extract.js";
import { decodeEntities } from "../../src/lib/html-text.js";

/** A typical transactional HTML email: tracking redirects, an unsubscribe footer, entities. */
const SIGNUP_HTML = `<!doctype html><html><head><style>a{color:red}</style></head><body>
<table><tr><td><img src="https://cdn.mail.test/logo.png" alt="Acme"></td></tr>
<tr><td><h1>Confirm your email</h1>
<p>Thanks for signing up, Jane! Click below to confirm your address.</p>
<a class="btn" href="https://click.mail.test/ls/click?upn=abc%3D%3D&amp;u=42" target="_blank"><span>Confirm&nbsp;email</span></a>
<p>Or paste this link: https://app.acme.test/confirm?token=eyJhbGciOi.x-y_z</p>
</td></tr>
<tr><td style="font-size:10px">Acme Inc, 221B Baker St, London. <a href='https://click.mail.test/unsub?u=42'>Unsubscribe</a>
<a href="mailto:support@acme.test">Contact</a> <a href="#top">Top</a></td></tr></table></body></html>`;

describe("extractLinks", () => {
  it("lists HTML anchors with their text, then bare URLs, each once, never non-http links", () => {
    expect(extractLinks("", SIGNUP_HTML)).toEqual([
      { url: "https://click.mail.test/ls/click?upn=abc%3D%3D&u=42", text: "Confirm email", source: "html" },
      { url: "https://click.mail.test/unsub?u=42", text: "Unsubscribe", source: "html" },
      { url: "https://app.acme.test/confirm?token=eyJhbGciOi.x-y_z", text: "", source: "text" },
    ]);
  });

  it("finds URLs in plain text, without trailing punctuation, and merges duplicates from the HTML part", () => {
    const text = "Reset here: https://app.test/reset?k=1. Or (https://app.test/help).\nhttps://app.test/reset?k=1";
    const html = '<a href="https://app.test/reset?k=1">Reset</a>';
    expect(extractLinks(text, html)).toEqual([
      { url: "https://app.test/reset?k=1", text: "Reset", source: "html" },
      { url: "https://app.test/help", text: "", source: "text" },
    ]);
  });

  it("returns nothing for a message without links", () => {
    expect(extractLinks("no links here, just example.com mentioned", "")).toEqual([]);
  });
});

describe("extractCodes", () => {
  it.each([
    ["six digits after 'code'", "Your code", "Your verification code is 482913.", "482913"],
    ["a spaced code", "Sign in", "Enter 481 516 to sign in.", "481516"],
    ["a dashed code", "", "Your one-time password: 7731-0042", "77310042"],
    ["an alphanumeric code", "Login code", "Use AB12CD to log in.", "AB12CD"],
    ["a code only in the subject", "123456 is your Acme code", "Welcome back!", "123456"],
  ])("finds %s", (_n, subject, text, code) => {
    expect(extractCodes(subject, text, "")[0]?.code).toBe(code);
  });

  it("ranks the code above the other numbers of a realistic email", () => {
    const text = [
      "Hi Jane,",
      "Order #4471 was placed on 2026-11-21 at 10:30 for $1299.",
      "Call us on 5551234 or quote reference 88812345.",
      "To finish signing in, enter this code: 602 917",
      "This code expires in 10 minutes. © 2026 Acme",
    ].join("\n");
    const codes = extractCodes("Your sign-in code", text, "");
    expect(codes[0]).toMatchObject({ code: "602917", raw: "602 917" });
    // The year, the order number, the phone and reference numbers are recognised and left out.
    expect(codes.map((c) => c.code)).toEqual(["602917"]);
  });

  it("reads the HTML part when there is no text part, and ignores numbers inside URLs", () => {
    const html = '<p>Your code is <strong>739 204</strong></p><a href="https://x.test/v/99887766">verify</a>';
    const codes = extractCodes("Verify", "", html);
    expect(codes.map((c) => c.code)).toEqual(["739204"]);
  });

  it("returns nothing when there is no code-like number", () => {
    expect(extractCodes("Hello", "See you at 10:30 on 2026-11-21.", "")).toEqual([]);
  });
});

describe("decodeEntities", () => {
  it("decodes named and numeric entities", () => {
    expect(decodeEntities("a&amp;b&#39;c&#x41;&nbsp;&unknown;")).toBe("a&b'cA &unknown;");
  });
});
