import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Config } from "../config.js";
import type { ActingUser } from "../domain/acting-user.js";
import { actsAsAdmin } from "../domain/scopes.js";
import { AppError } from "../errors.js";
import { normalizeAddress } from "../lib/addresses.js";
import type { Logger } from "../lib/log.js";
import type { Store, UserRow } from "../store/ports.js";
import type { ClientMeta } from "./account-shapes.js";
import { removeAccount } from "./admin-shapes.js";
import type { AuditService } from "./audit.js";
import type { MailboxService } from "./mailbox.js";
import type { TokenOps } from "./tokens.js";

/**
 * Throwaway inboxes for parallel CI (#12): each is an account of its own at a fresh random address,
 * so everything Sandpit promises a user (isolation, Bcc, every door) holds for it unchanged. Its
 * token may read, change and send from it only; when it ends, the account, its tokens and its mail
 * ownership go (and Mailpit's copies that nobody else owns).
 */

export const CreateInboxSchema = z
  .object({
    expiresInMinutes: z.number().int().min(1).max(525_600),
    name: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9][a-z0-9._-]*$/i, "letters, digits, '.', '_' and '-' only")
      .optional(),
  })
  .strict();

export interface PublicInbox {
  address: string;
  name: string;
  createdAt: string;
  expiresAt: string;
}

export interface InboxService {
  /** create makes an inbox and a token for it (shown once). */
  create(actor: ActingUser, input: z.infer<typeof CreateInboxSchema>, meta?: ClientMeta): Promise<PublicInbox & { token: string }>;
  /** list shows the inboxes I made that have not ended. */
  list(actor: ActingUser): Promise<PublicInbox[]>;
  /** remove ends one early: its maker or an admin. */
  remove(actor: ActingUser, address: string, meta?: ClientMeta): Promise<void>;
  /** expire ends every inbox whose time is up; how many. */
  expire(): Promise<number>;
}

const publicInbox = (r: UserRow): PublicInbox => ({
  address: r.email,
  name: r.name,
  createdAt: new Date(r.createdAt).toISOString(),
  expiresAt: new Date(r.expiresAt ?? 0).toISOString(),
});

export function createInboxService(deps: {
  store: Store;
  config: Config;
  tokens: TokenOps;
  mailbox: MailboxService;
  audit: AuditService;
  log: Logger;
}): InboxService {
  const { store, config, tokens, mailbox, audit, log } = deps;
  const settings = config.accounts.inboxes;

  async function end(r: UserRow, action: string, actor?: ActingUser, meta?: ClientMeta) {
    await removeAccount(store, mailbox, r);
    await audit.record({ actor, actorName: "sandpit", action, target: r.email, targetUserId: r.createdBy, result: "ok", meta });
  }

  return {
    async create(actor, input, meta) {
      const admin = actsAsAdmin(actor);
      if (input.expiresInMinutes > settings.maxMinutes) {
        throw new AppError("BAD_REQUEST", `an inbox lasts at most ${settings.maxMinutes} minutes (SANDPIT_INBOX_MAX_MINUTES)`);
      }
      if (!admin) {
        const me = await store.users.findById(actor.id);
        if (me?.expiresAt !== null) throw new AppError("FORBIDDEN", "a throwaway inbox cannot make inboxes");
        const quota = me.inboxQuota ?? settings.quota;
        if ((await store.accounts.inboxesOf(actor.id)).length >= quota) {
          await audit.record({ actor, action: "inbox.create", result: "denied", meta, detail: `quota ${quota}` });
          throw new AppError("FORBIDDEN", `you hold ${quota} inboxes already, your quota; end one or ask an admin for more`);
        }
      }
      const local = `${input.name?.toLowerCase() ?? "inbox"}-${randomBytes(6).toString("hex")}`;
      const address = normalizeAddress(`${local}@${settings.domain}`);
      const expiresAt = Date.now() + input.expiresInMinutes * 60_000;
      const row = await store.users.insert({
        email: address,
        name: input.name ?? "",
        passwordHash: null,
        isAdmin: false,
        expiresAt,
        createdBy: actor.id,
      });
      if (!row) throw new AppError("CONFLICT", "that address was just taken; try again");
      const { token } = await tokens.issue(row.id, "api", "inbox", undefined, meta ?? {}, ["read", "write", "send"], expiresAt);
      await audit.record({
        actor,
        action: "inbox.create",
        target: address,
        targetUserId: actor.id,
        result: "ok",
        meta,
        detail: `${input.expiresInMinutes} min`,
      });
      return { ...publicInbox(row), token };
    },

    list: async (actor) => (await store.accounts.inboxesOf(actor.id)).filter((r) => (r.expiresAt ?? 0) > Date.now()).map(publicInbox),

    async remove(actor, raw, meta) {
      const r = await store.users.findByAddress(normalizeAddress(raw));
      // An inbox that is not mine answers as one that does not exist.
      if (!r || r.expiresAt === null || (r.createdBy !== actor.id && !actsAsAdmin(actor))) {
        throw new AppError("NOT_FOUND", `no inbox ${raw} of yours`);
      }
      await end(r, "inbox.delete", actor, meta);
    },

    async expire() {
      let n = 0;
      for (const r of await store.accounts.expiredInboxes(Date.now())) {
        try {
          await end(r, "inbox.expire");
          n++;
        } catch (err) {
          log.warn("cannot end an expired inbox", { inbox: r.email, error: err as Error });
        }
      }
      return n;
    },
  };
}
