import { api, enc, qs } from "./http.js";

/** The admin console's API (admins, scope `admin`): users, their tokens, the instance, the audit log. */

/** listUsers: {users, total}; `kind` is people, inboxes or all; `query` matches addresses and names. */
export const listUsers = ({ query, kind = "people", start = 0, limit = 20 } = {}) =>
  api(`/api/v1/admin/users${qs({ query, kind, start, limit })}`);
export const createUser = (body) => api("/api/v1/admin/users", { method: "POST", body });
/** getUser: the user with addresses, domains and tokens (sessions and API tokens, never a secret). */
export const getUser = (id) => api(`/api/v1/admin/users/${enc(id)}`);
/** updateUser: {disabled?, isAdmin?, inboxQuota?}. */
export const updateUser = (id, patch) => api(`/api/v1/admin/users/${enc(id)}`, { method: "PATCH", body: patch });
export const deleteUser = (id) => api(`/api/v1/admin/users/${enc(id)}`, { method: "DELETE" });
/** makeResetLink: {token, url, expiresAt}, a one-time link for one hour. */
export const makeResetLink = (id) => api(`/api/v1/admin/users/${enc(id)}/reset-link`, { method: "POST" });

export const addUserAddress = (id, address) => api(`/api/v1/admin/users/${enc(id)}/addresses`, { method: "POST", body: { address } });
export const removeUserAddress = (id, address) => api(`/api/v1/admin/users/${enc(id)}/addresses/${enc(address)}`, { method: "DELETE" });
export const addUserDomain = (id, domain) => api(`/api/v1/admin/users/${enc(id)}/domains`, { method: "POST", body: { domain } });
export const removeDomain = (domain) => api(`/api/v1/admin/domains/${enc(domain)}`, { method: "DELETE" });

/** revokeAllTokens: {revoked} (how many); revokeAnyToken revokes one session or API token. */
export const revokeAllTokens = (id) => api(`/api/v1/admin/users/${enc(id)}/tokens`, { method: "DELETE" });
export const revokeAnyToken = (tokenId) => api(`/api/v1/admin/tokens/${enc(tokenId)}`, { method: "DELETE" });

/** getInstance: {mailpit: {ok, version, messages}, messages, users, inboxes, sessions, …, index: {lag}, store: {kind, bytes}}. */
export const getInstance = () => api("/api/v1/admin/instance");

/** listAudit: {entries, total}, newest first; `action` ending in "." matches a prefix ("admin."). */
export const listAudit = ({ actor, action, result, start = 0, limit = 25 } = {}) =>
  api(`/api/v1/admin/audit${qs({ actor, action, result, start, limit })}`);
