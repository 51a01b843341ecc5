import type { z } from "zod";
import type { ActingUser } from "../domain/acting-user.js";
import { ALL_SCOPES, formatScopes, requireScope, type Scope } from "../domain/scopes.js";
import { AppError } from "../errors.js";
import { normalizeAddress } from "../lib/addresses.js";
import { issueToken } from "../lib/secrets.js";
import type { Store } from "../store/ports.js";
import { publicToken, type ClientMeta, type CreateTokenInputSchema, type PublicToken } from "./account-shapes.js";
import type { AuditService } from "./audit.js";

const DAY = 86_400_000;

type Session = { token: string; info: PublicToken };

/** TokenOps issues, lists and revokes tokens (DESIGN §4). */
export interface TokenOps {
  /** issue makes a token of `kind` for a user; a session has every scope. */
  issue(
    userId: number,
    kind: "session" | "api",
    name: string,
    days: number | undefined,
    meta: ClientMeta,
    scopes?: readonly Scope[],
    expiresAtMs?: number,
  ): Promise<Session>;
  createToken(user: ActingUser, input: z.infer<typeof CreateTokenInputSchema>, meta: ClientMeta): Promise<Session>;
  issueFor(email: string, name: string, days: number | undefined): Promise<Session>;
  listTokens(user: ActingUser, currentTokenId?: string): Promise<(PublicToken & { current: boolean })[]>;
  revoke(user: ActingUser, tokenId: string, meta?: ClientMeta): Promise<void>;
  /** logout ends the token this call was made with. */
  logout(user: ActingUser, meta?: ClientMeta): Promise<void>;
  /** logoutEverywhere ends every session of mine, this one included (API tokens stay); how many. */
  logoutEverywhere(user: ActingUser, meta?: ClientMeta): Promise<number>;
}

export function createTokenOps({ store, audit }: { store: Store; audit: AuditService }): TokenOps {
  const ops: TokenOps = {
    async issue(userId, kind, name, days, meta, scopes = ALL_SCOPES, expiresAtMs) {
      const t = issueToken();
      const row = await store.tokens.insert({
        id: t.id,
        userId,
        kind,
        name,
        secretHash: t.secretHash,
        expiresAt: expiresAtMs ?? (days === undefined ? null : Date.now() + days * DAY),
        createdIp: meta.ip?.slice(0, 100) ?? null,
        createdUserAgent: meta.userAgent?.slice(0, 300) ?? null,
        scopes: formatScopes(scopes),
      });
      const owner = await store.users.findById(userId);
      return { token: t.token, info: publicToken(row, owner?.isAdmin ?? false) };
    },

    /**
     * createToken issues an API token for CI or agents; the secret is returned once. Its scopes are
     * the ones asked for (by default all of mine), never one this call does not have itself.
     */
    async createToken(user, input, meta) {
      const wanted = input.scopes ?? user.scopes.filter((s) => s !== "admin" || user.isAdmin);
      if (wanted.includes("admin") && !user.isAdmin) throw new AppError("ADMIN_ONLY", "only admins may make tokens with the 'admin' scope");
      for (const s of wanted) requireScope(user, s);
      const made = await ops.issue(user.id, "api", input.name, input.expiresInDays, meta, wanted);
      await audit.record({
        actor: user,
        action: "token.create",
        target: made.info.id,
        targetUserId: user.id,
        result: "ok",
        meta,
        detail: formatScopes(wanted),
      });
      return made;
    },

    async issueFor(email, name, days) {
      const user = await store.users.findByAddress(normalizeAddress(email));
      if (!user) throw new AppError("NOT_FOUND", `no user with address ${email}`);
      const made = await ops.issue(user.id, "api", name, days, { userAgent: "sandpit cli" });
      await audit.record({ actorName: "operator", action: "token.create", target: made.info.id, targetUserId: user.id, result: "ok" });
      return made;
    },

    async listTokens(user, currentTokenId) {
      return (await store.tokens.listOf(user.id)).map((t) => ({ ...publicToken(t, user.isAdmin), current: t.id === currentTokenId }));
    },

    async revoke(user, tokenId, meta) {
      if (!(await store.tokens.remove(user.id, tokenId))) throw new AppError("NOT_FOUND", "token not found");
      await audit.record({ actor: user, action: "token.revoke", target: tokenId, targetUserId: user.id, result: "ok", meta });
    },

    async logout(user, meta) {
      if (user.tokenId) await store.tokens.remove(user.id, user.tokenId);
      await audit.record({ actor: user, action: "logout", target: user.tokenId, targetUserId: user.id, result: "ok", meta });
    },

    async logoutEverywhere(user, meta) {
      const n = await store.tokens.removeOtherSessions(user.id, undefined);
      await audit.record({ actor: user, action: "logout_everywhere", targetUserId: user.id, result: "ok", meta, detail: `${n} sessions` });
      return n;
    },
  };
  return ops;
}
