import * as account from "../api/account.js";
import * as security from "../api/security.js";
import { DEFAULT_PREFERENCES, getState, update } from "../store.js";

/** Session actions: the server's config, this browser's accounts, the active user and their preferences. */

/** loadConfig reads the auth mode and registration policy once, at start. */
export async function loadConfig() {
  update({ config: await account.uiConfig() });
}

/** A clean mailbox for whoever is signed in now (nothing of the previous account may linger). */
const EMPTY_MAILBOX = () => ({ folders: [], page: null, selection: new Set(), cursor: null, openId: null, stats: null });

/** refreshAccounts reads this browser's signed-in accounts and loads the active one's profile. */
export async function refreshAccounts() {
  const r = await account.uiAccounts();
  const before = getState().active;
  const user = r.accounts.find((a) => a.tokenId === r.active)?.user ?? null;
  update({ accounts: r.accounts, active: r.active, user, ...(before !== r.active ? EMPTY_MAILBOX() : {}) });
  if (r.active) await loadProfile();
}

/** loadProfile reads my addresses (for the From picker) and my preferences. */
export async function loadProfile() {
  const [me, preferences] = await Promise.all([account.getMe(), account.getPreferences().catch(() => ({ ...DEFAULT_PREFERENCES }))]);
  update({ user: me.user, addresses: me.addresses?.length ? me.addresses : [me.user.email], scopes: me.scopes ?? [], preferences });
}

/** signIn logs in or registers through a cookie session, then makes it the active account. */
export async function signIn(kind, body) {
  await account.uiSignIn(kind, body);
  await refreshAccounts();
}

/** logoutEverywhere ends every session of mine (this browser's too); another signed-in account may stay active. */
export async function logoutEverywhere() {
  await security.logoutEverywhere();
  await refreshAccounts();
}

/** switchAccount makes another signed-in account of this browser the active one. */
export async function switchAccount(tokenId) {
  await account.uiSwitch(tokenId);
  await refreshAccounts();
}

/** logout revokes the active session's token; another signed-in account (if any) becomes active. */
export async function logout() {
  await account.uiLogout();
  await refreshAccounts();
}

/** setPreferences saves some of my preferences server-side (every browser of mine shares them). */
export async function setPreferences(patch) {
  update({ preferences: { ...getState().preferences, ...patch } });
  update({ preferences: await account.savePreferences(patch) });
}

/** saveName sets my name, the sender name on mail I send. */
export async function saveName(name) {
  const me = await account.updateMe({ name });
  update({ user: me.user ?? { ...getState().user, name } });
  await refreshAccounts();
}
