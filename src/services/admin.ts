import { AppError } from "../errors.js";
import { normalizeAddress } from "../lib/addresses.js";
import type { Store } from "../store/ports.js";
import { publicToken, publicUser, type PublicToken, type PublicUser } from "./account-shapes.js";

/** AdminService manages every user's account: the provisioning CLI (and, later, the admin console). */
export interface AdminService {
  listUsers(): Promise<PublicUser[]>;
  /** findUser looks a user up by any of their addresses; NOT_FOUND when nobody has it. */
  findUser(email: string): Promise<PublicUser>;
  setAdmin(email: string, isAdmin: boolean): Promise<PublicUser>;
  listTokens(email: string): Promise<PublicToken[]>;
  /** revokeToken revokes any user's token by its id. */
  revokeToken(id: string): Promise<PublicToken>;
  /** revokeAllTokens revokes every token of a user; returns how many. */
  revokeAllTokens(email: string): Promise<number>;
  /** purgeExpiredTokens deletes tokens whose expiry has passed; returns how many. */
  purgeExpiredTokens(): Promise<number>;
}

export function createAdminService({ store }: { store: Store }): AdminService {
  async function userRow(email: string) {
    const row = await store.users.findByAddress(normalizeAddress(email));
    if (!row) throw new AppError("NOT_FOUND", `no user with address ${email}`);
    return row;
  }
  return {
    listUsers: async () => (await store.users.list()).map(publicUser),
    findUser: async (email) => publicUser(await userRow(email)),
    async setAdmin(email, isAdmin) {
      const row = await userRow(email);
      await store.users.setAdmin(row.id, isAdmin);
      return publicUser({ ...row, isAdmin });
    },
    listTokens: async (email) => (await store.tokens.listOf((await userRow(email)).id)).map(publicToken),
    async revokeToken(id) {
      const row = await store.tokens.find(id);
      if (!row || !(await store.tokens.remove(row.userId, row.id))) throw new AppError("NOT_FOUND", `no token with id ${id}`);
      return publicToken(row);
    },
    revokeAllTokens: async (email) => store.tokens.removeAllOf((await userRow(email)).id),
    purgeExpiredTokens: () => store.tokens.purgeExpired(Date.now()),
  };
}
