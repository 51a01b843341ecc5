import type { z } from "zod";
import type { ActingUser } from "../domain/acting-user.js";
import { AppError } from "../errors.js";
import { normalizeAddress } from "../lib/addresses.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { Store, UserRow } from "../store/ports.js";
import { publicToken, publicUser, type ClientMeta, type PublicToken } from "./account-shapes.js";
import {
  removeAccount,
  type AdminCreateUserSchema,
  type AdminPatchUserSchema,
  type AdminUser,
  type UserQuerySchema,
} from "./admin-shapes.js";

export * from "./admin-shapes.js";
import type { AuditService } from "./audit.js";
import type { AuthService } from "./auth.js";
import type { MailboxService } from "./mailbox.js";

/** AdminService manages every user's account: the admin console (/api/v1/admin) and the CLI. Every method is admin-only (scopes.ts). */
export interface AdminService {
  listUsers(actor: ActingUser, q: z.infer<typeof UserQuerySchema>): Promise<{ users: AdminUser[]; total: number }>;
  /** findUser looks a user up by any of their addresses; NOT_FOUND when nobody has it. */
  findUser(actor: ActingUser, email: string): Promise<AdminUser>;
  getUser(actor: ActingUser, id: number): Promise<AdminUser & { tokens: PublicToken[] }>;
  createUser(actor: ActingUser, input: z.infer<typeof AdminCreateUserSchema>, meta?: ClientMeta): Promise<AdminUser>;
  /** updateUser disables or enables, makes admin or not, or sets the inbox quota (never oneself's admin or access). */
  updateUser(actor: ActingUser, id: number, patch: z.infer<typeof AdminPatchUserSchema>, meta?: ClientMeta): Promise<AdminUser>;
  /** deleteUser removes a user, their tokens and their mail ownership (Mailpit's copies when nobody else owns them). */
  deleteUser(actor: ActingUser, id: number, meta?: ClientMeta): Promise<void>;
  listTokens(actor: ActingUser, email: string): Promise<PublicToken[]>;
  /** revokeToken revokes any user's token (session or API) by its id. */
  revokeToken(actor: ActingUser, id: string, meta?: ClientMeta): Promise<PublicToken>;
  /** revokeAllTokens revokes every token of a user; returns how many. */
  revokeAllTokens(actor: ActingUser, email: string, meta?: ClientMeta): Promise<number>;
  /** instance: Mailpit's health and version, messages and users, index lag, store size. */
  instance(actor: ActingUser): Promise<Record<string, unknown>>;
}

/**
 * createAdminService: `mail` (Mailpit and the mailbox) is what deleting a user and the instance's
 * numbers need; the CLI, which works on the database alone, has neither.
 */
export function createAdminService(deps: {
  store: Store;
  auth: AuthService;
  audit: AuditService;
  mail?: { mailpit: MailpitClient; mailbox: MailboxService } | undefined;
}): AdminService {
  const { store, auth, audit } = deps;
  const mail = () => {
    if (!deps.mail) throw new AppError("BAD_REQUEST", "this needs the running server: use the admin console or /api/v1/admin");
    return deps.mail;
  };
  async function row(id: number): Promise<UserRow> {
    const r = await store.users.findById(id);
    if (!r) throw new AppError("NOT_FOUND", `no user with id ${id}`);
    return r;
  }
  async function byEmail(email: string): Promise<UserRow> {
    const r = await store.users.findByAddress(normalizeAddress(email));
    if (!r) throw new AppError("NOT_FOUND", `no user with address ${email}`);
    return r;
  }
  async function view(r: UserRow): Promise<AdminUser> {
    const [addresses, domains] = await Promise.all([store.users.addressesOf(r.id), store.users.domainsOf(r.id)]);
    return { ...publicUser(r), addresses, domains, inboxQuota: r.inboxQuota, createdBy: r.createdBy };
  }
  const notSelf = (actor: ActingUser, id: number, what: string) => {
    if (actor.id === id) throw new AppError("BAD_REQUEST", `you cannot ${what} your own account`);
  };

  return {
    async listUsers(_actor, q) {
      const inboxes = q.kind === "all" ? undefined : q.kind === "inboxes";
      const { users, total } = await store.accounts.search({ query: q.query, start: q.start, limit: q.limit, inboxes });
      return { users: await Promise.all(users.map(view)), total };
    },
    findUser: async (_actor, email) => view(await byEmail(email)),
    async getUser(_actor, id) {
      const r = await row(id);
      return { ...(await view(r)), tokens: (await store.tokens.listOf(r.id)).map((t) => publicToken(t, r.isAdmin)) };
    },
    async createUser(actor, input, meta) {
      const made = await auth.createUser({ ...input, byAdmin: true });
      await audit.record({
        actor,
        action: "admin.user_create",
        target: made.email,
        targetUserId: made.id,
        result: "ok",
        meta,
        detail: input.isAdmin ? "admin" : "",
      });
      return view(await row(made.id));
    },
    async updateUser(actor, id, patch, meta) {
      const r = await row(id);
      if (patch.disabled !== undefined) {
        if (patch.disabled) notSelf(actor, id, "disable");
        await store.accounts.setDisabled(id, patch.disabled ? Date.now() : null);
        await audit.record({
          actor,
          action: patch.disabled ? "admin.user_disable" : "admin.user_enable",
          target: r.email,
          targetUserId: id,
          result: "ok",
          meta,
        });
      }
      if (patch.isAdmin !== undefined) {
        if (!patch.isAdmin) notSelf(actor, id, "remove admin rights from");
        await store.users.setAdmin(id, patch.isAdmin);
        await audit.record({
          actor,
          action: "admin.set_admin",
          target: r.email,
          targetUserId: id,
          result: "ok",
          meta,
          detail: String(patch.isAdmin),
        });
      }
      if (patch.twoFactor === false) {
        await store.accounts.setTotp(id, null, null);
        await store.secrets.setRecoveryCodes(id, []);
        await audit.record({ actor, action: "admin.totp_off", target: r.email, targetUserId: id, result: "ok", meta });
      }
      if (patch.inboxQuota !== undefined) {
        await store.accounts.setInboxQuota(id, patch.inboxQuota);
        await audit.record({
          actor,
          action: "admin.inbox_quota",
          target: r.email,
          targetUserId: id,
          result: "ok",
          meta,
          detail: String(patch.inboxQuota),
        });
      }
      return view(await row(id));
    },
    async deleteUser(actor, id, meta) {
      notSelf(actor, id, "delete");
      const r = await row(id);
      await removeAccount(store, mail().mailbox, r);
      await audit.record({ actor, action: "admin.user_delete", target: r.email, targetUserId: id, result: "ok", meta });
    },
    async listTokens(_actor, email) {
      const r = await byEmail(email);
      return (await store.tokens.listOf(r.id)).map((t) => publicToken(t, r.isAdmin));
    },
    async revokeToken(actor, id, meta) {
      const t = await store.tokens.find(id);
      if (!t || !(await store.tokens.remove(t.userId, t.id))) throw new AppError("NOT_FOUND", `no token with id ${id}`);
      await audit.record({ actor, action: "admin.token_revoke", target: id, targetUserId: t.userId, result: "ok", meta, detail: t.kind });
      return publicToken(t);
    },
    async revokeAllTokens(actor, email, meta) {
      const r = await byEmail(email);
      const n = await store.tokens.removeAllOf(r.id);
      await audit.record({
        actor,
        action: "admin.tokens_revoke_all",
        target: r.email,
        targetUserId: r.id,
        result: "ok",
        meta,
        detail: `${n} tokens`,
      });
      return n;
    },
    async instance() {
      const { mailpit } = mail();
      const [counts, indexed, bytes, info, ready] = await Promise.all([
        store.accounts.counts(),
        store.index.count(),
        store.accounts.bytes(),
        mailpit.info().catch(() => undefined) as Promise<Record<string, unknown> | undefined>,
        mailpit.ready().catch(() => false),
      ]);
      const upstream = typeof info?.Messages === "number" ? info.Messages : null;
      const lastReconcile = (await store.index.getState("last_reconcile")) ?? null;
      return {
        mailpit: { ok: ready, version: (info?.Version as string | undefined) ?? null, messages: upstream },
        messages: indexed,
        ...counts,
        index: { lag: upstream === null ? null : Math.max(0, upstream - indexed), lastReconcile },
        store: { kind: store.kind, bytes },
      };
    },
  };
}
