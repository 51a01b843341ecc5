import { z } from "zod";

/** EmailSchema is an email address as Sandpit accepts it: trimmed, lower-cased, at most 254 chars. */
export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: "invalid email address" }))
  .transform((s) => asciiLower(s));

/**
 * asciiLower folds ASCII letters only. Unicode folding would make `\u212Aate@x` (Kelvin sign) the
 * same address as `kate@x`, giving one user another's mail; SMTP compares octets, so only the
 * ASCII case that mail systems treat as equal is folded.
 */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** normalizeAddress folds an address for comparison; addresses compare on the whole address. */
export function normalizeAddress(address: string): string {
  return asciiLower(address.trim());
}

/** addressText renders `{Name, Address}` pairs as lower-cased "name <address>" text for search. */
export function addressText(list: { Name: string; Address: string }[]): string {
  return list
    .map((a) => (a.Name ? `${a.Name} <${a.Address}>` : a.Address))
    .join(", ")
    .toLowerCase();
}
