import { z } from "zod";
import { EmailSchema } from "../lib/addresses.js";
import type { Store, UserRow } from "../store/ports.js";
import type { PublicUser } from "./account-shapes.js";
import type { MailboxService } from "./mailbox.js";

/** The admin console's inputs and shapes, and removing an account (shared with throwaway inboxes). */

export const UserQuerySchema = z
  .object({
    query: z.string().trim().max(320).optional(),
    kind: z.enum(["people", "inboxes", "all"]).default("people"),
    start: z.coerce.number().int().min(0).max(10_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

export const AdminCreateUserSchema = z
  .object({
    email: EmailSchema,
    name: z
      .string()
      .trim()
      .max(100)
      .regex(/^[^\r\n]*$/)
      .optional(),
    password: z.string().max(256).optional(),
    isAdmin: z.boolean().optional(),
  })
  .strict();

export const AdminPatchUserSchema = z
  .object({
    disabled: z.boolean().optional(),
    isAdmin: z.boolean().optional(),
    inboxQuota: z.number().int().min(0).max(100_000).nullable().optional(),
    /** false turns a user's two-factor off (their device is lost); nobody can turn it on for them. */
    twoFactor: z.literal(false).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, "give at least one of disabled, isAdmin, inboxQuota, twoFactor");

/** AdminUser is a user as the admin console shows it. */
export type AdminUser = PublicUser & { addresses: string[]; domains: string[]; inboxQuota: number | null; createdBy: number | null };

/**
 * removeAccount deletes a user: first their mail, as they would delete it themselves (Mailpit's
 * copy goes when no other owner keeps it), then the account with its tokens, addresses and folders.
 */
export async function removeAccount(store: Store, mailbox: MailboxService, r: UserRow): Promise<void> {
  await mailbox.remove({ id: r.id, email: r.email, name: r.name, isAdmin: r.isAdmin, scopes: ["write"] }, "all");
  await store.accounts.remove(r.id);
}
