import { z } from "zod";

/** EmailSchema is an email address as Sandpit accepts it: trimmed, lower-cased, at most 254 chars. */
export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: "invalid email address" }))
  .transform((s) => s.toLowerCase());

/** normalizeAddress lower-cases an address for comparison; addresses compare on the whole address. */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** addressText renders `{Name, Address}` pairs as lower-cased "name <address>" text for search. */
export function addressText(list: { Name: string; Address: string }[]): string {
  return list
    .map((a) => (a.Name ? `${a.Name} <${a.Address}>` : a.Address))
    .join(", ")
    .toLowerCase();
}
