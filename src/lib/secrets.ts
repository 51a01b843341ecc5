import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** Token secrets are 32 random bytes; the token a client sees is `sp_<id>_<secret>`. */
export interface IssuedToken {
  id: string;
  token: string;
  secretHash: string;
}

/** issueToken makes a new token: a public id to find the row, and a secret stored only as a hash. */
export function issueToken(): IssuedToken {
  // An id never starts with "-": a command line would read it as an option (`tokens revoke <id>`).
  let id: string;
  do id = randomBytes(9).toString("base64url");
  while (id.startsWith("-"));
  const secret = randomBytes(32).toString("base64url");
  return { id, token: `sp_${id}_${secret}`, secretHash: sha256(secret) };
}

/** splitToken parses `sp_<id>_<secret>` (or another prefix's one-time secret); anything else is undefined. */
export function splitToken(token: string, prefix = "sp"): { id: string; secret: string } | undefined {
  const m = /^([a-z]{2})_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$/.exec(token.trim());
  return m && m[1] === prefix ? { id: m[2]!, secret: m[3]! } : undefined;
}

/** issueOneTime makes a secret of the token's shape under another prefix (`rp_…` for password resets). */
export function issueOneTime(prefix: string): IssuedToken {
  const t = issueToken();
  return { ...t, token: `${prefix}${t.token.slice(2)}` };
}

/** secretMatches compares a presented secret with the stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

// scrypt with N=2^15, r=8 costs ~32 MiB and tens of milliseconds per hash: slow for guessing.
const KDF = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** hashPassword returns `scrypt$N$r$p$salt$hash` (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize("NFKC"), salt, 32, KDF);
  return ["scrypt", KDF.N, KDF.r, KDF.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** verifyPassword checks a password against a stored hash in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split("$");
  if (alg !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await scryptAsync(password.normalize("NFKC"), Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: KDF.maxmem,
  });
  return timingSafeEqual(key, expected);
}

/**
 * passwordProblem returns why a password is too weak, or undefined. Rules: 10 to 256 characters,
 * at least 5 distinct characters, and not containing the address's local part.
 */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < 10) return "password must be at least 10 characters";
  if (password.length > 256) return "password must be at most 256 characters";
  if (new Set(password).size < 5) return "password must use at least 5 different characters";
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 3 && password.toLowerCase().includes(local)) {
    return "password must not contain your email address";
  }
  return undefined;
}
