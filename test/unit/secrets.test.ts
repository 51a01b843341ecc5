import { describe, expect, it } from "vitest";
import { hashPassword, issueToken, passwordProblem, secretMatches, splitToken, verifyPassword } from "../../src/lib/secrets.js";

describe("issueToken", () => {
  it("Should issue sp_<id>_<secret> tokens that splitToken parses back into the same id", () => {
    const issued = issueToken();
    expect(issued.token).toMatch(/^sp_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/);
    const parts = splitToken(issued.token);
    expect(parts?.id).toBe(issued.id);
    expect(issued.token).toBe(`sp_${parts?.id}_${parts?.secret}`);
  });

  it("Should store only a hash that the token's secret matches, never the secret itself", () => {
    const issued = issueToken();
    const secret = splitToken(issued.token)!.secret;
    expect(issued.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(issued.secretHash).not.toContain(secret);
    expect(secretMatches(secret, issued.secretHash)).toBe(true);
  });

  it("Should issue a different id and secret every time", () => {
    const tokens = Array.from({ length: 50 }, () => issueToken());
    expect(new Set(tokens.map((t) => t.id)).size).toBe(50);
    expect(new Set(tokens.map((t) => t.token)).size).toBe(50);
  });
});

describe("splitToken", () => {
  const { token, id } = issueToken();

  it("Should accept surrounding whitespace", () => {
    expect(splitToken(`  ${token}\n`)?.id).toBe(id);
  });

  it.each([
    ["an empty string", ""],
    ["the prefix only", "sp_"],
    ["a token without its prefix", token.slice(3)],
    ["another prefix", `xx${token.slice(2)}`],
    ["a truncated secret", token.slice(0, -1)],
    ["a secret with an extra character", `${token}A`],
    ["an id that is too short", `sp_${id.slice(1)}_${token.slice(16)}`],
    ["a character outside base64url", `${token.slice(0, -1)}=`],
    ["a Bearer header value", `Bearer ${token}`],
    ["a token with an inner space", `${token.slice(0, 20)} ${token.slice(21)}`],
  ])("Should reject %s", (_what, value) => {
    expect(splitToken(value)).toBeUndefined();
  });
});

describe("secretMatches", () => {
  const issued = issueToken();
  const secret = splitToken(issued.token)!.secret;

  it("Should be true for the issued secret", () => {
    expect(secretMatches(secret, issued.secretHash)).toBe(true);
  });

  it("Should be false for another secret, another token's hash, or a malformed hash", () => {
    const other = issueToken();
    expect(secretMatches(splitToken(other.token)!.secret, issued.secretHash)).toBe(false);
    expect(secretMatches(secret, other.secretHash)).toBe(false);
    expect(secretMatches(`${secret.slice(0, -1)}x`, issued.secretHash)).toBe(false);
    expect(secretMatches(secret, "")).toBe(false);
    expect(secretMatches(secret, "not hex")).toBe(false);
    expect(secretMatches(secret, issued.secretHash.slice(0, 32))).toBe(false);
  });
});

describe("hashPassword / verifyPassword", () => {
  it("Should verify the right password and refuse a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterz", stored)).toBe(false);
    expect(await verifyPassword("Correct horse battery", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("Should salt each hash, so the same password hashes differently but verifies against both", async () => {
    const [a, b] = await Promise.all([hashPassword("same password 1"), hashPassword("same password 1")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password 1", a!)).toBe(true);
    expect(await verifyPassword("same password 1", b!)).toBe(true);
  });

  it("Should normalise Unicode, so composed and decomposed forms of a password both verify", async () => {
    const stored = await hashPassword("caf\u00e9 au lait 42");
    expect(await verifyPassword("cafe\u0301 au lait 42", stored)).toBe(true);
  });

  it("Should refuse any password against a hash that is not an scrypt hash", async () => {
    expect(await verifyPassword("anything at all", "")).toBe(false);
    expect(await verifyPassword("anything at all", "plain text")).toBe(false);
    expect(await verifyPassword("anything at all", "bcrypt$10$salt$hash")).toBe(false);
  });
});

describe("passwordProblem", () => {
  it("Should accept a good password, including exactly 10 and exactly 256 characters", () => {
    expect(passwordProblem("correct horse battery", "alice@x.io")).toBeUndefined();
    expect(passwordProblem("abcde12345", "alice@x.io")).toBeUndefined();
    expect(passwordProblem(`abcde${"x".repeat(251)}`, "alice@x.io")).toBeUndefined();
  });

  it("Should refuse fewer than 10 characters", () => {
    expect(passwordProblem("abcde1234", "alice@x.io")).toMatch(/at least 10 characters/);
  });

  it("Should refuse more than 256 characters", () => {
    expect(passwordProblem(`abcde${"x".repeat(252)}`, "alice@x.io")).toMatch(/at most 256 characters/);
  });

  it("Should refuse fewer than 5 different characters", () => {
    expect(passwordProblem("aaaaaaaaaaaa", "alice@x.io")).toMatch(/5 different characters/);
    expect(passwordProblem("abababcdcdcd", "alice@x.io")).toMatch(/5 different characters/);
    expect(passwordProblem("abcdeabcdeab", "alice@x.io")).toBeUndefined();
  });

  it("Should refuse a password that contains the address's local part, in any case", () => {
    expect(passwordProblem("my-Alice-password", "alice@x.io")).toMatch(/email address/);
    expect(passwordProblem("xxALICE2026!", "Alice@X.io")).toMatch(/email address/);
  });

  it("Should ignore a local part shorter than 3 characters", () => {
    expect(passwordProblem("jo-strong-pass", "jo@x.io")).toBeUndefined();
  });
});
