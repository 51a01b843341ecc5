import { api, enc } from "./http.js";

/** The web UI's cookie sessions: several accounts may be signed in in one browser. */
export const uiConfig = () => api("/api/v1/ui/config");
export const uiAccounts = () => api("/api/v1/ui/accounts");
export const uiSignIn = (kind, body) => api(`/api/v1/ui/${kind === "register" ? "register" : "login"}`, { method: "POST", body });
export const uiSwitch = (tokenId) => api("/api/v1/ui/switch", { method: "POST", body: { tokenId } });
export const uiLogout = () => api("/api/v1/ui/logout", { method: "POST" });

/** me: {user, addresses} (addresses are strings, primary first). */
export const getMe = () => api("/api/v1/auth/me");
export const updateMe = (body) => api("/api/v1/auth/me", { method: "PATCH", body });
export const changePassword = (body) => api("/api/v1/auth/password", { method: "POST", body });

export const listTokens = async () => (await api("/api/v1/auth/tokens")).tokens;
export const createToken = (body) => api("/api/v1/auth/tokens", { method: "POST", body });
export const revokeToken = (id) => api(`/api/v1/auth/tokens/${enc(id)}`, { method: "DELETE" });

/** addresses: {addresses: [{address, primary}], domains}. */
export const listAddresses = () => api("/api/v1/auth/addresses");
export const addAddress = (address) => api("/api/v1/auth/addresses", { method: "POST", body: { address } });
export const removeAddress = (address) => api(`/api/v1/auth/addresses/${enc(address)}`, { method: "DELETE" });

/** preferences: {theme: light|dark|system, pageSize: 10–200, notifications}. */
export const getPreferences = () => api("/api/v1/auth/preferences");
export const savePreferences = (patch) => api("/api/v1/auth/preferences", { method: "PUT", body: patch });

/** smtp: settings for a mail client, and a real AUTH login against Sandpit's SMTP. */
export const getSmtp = () => api("/api/v1/smtp");
export const checkSmtp = (password) => api("/api/v1/smtp/check", { method: "POST", body: { password } });

/** mail clients: every door's settings, and a real IMAP login against Sandpit's IMAP door (lists my folders). */
export const getMailClients = () => api("/api/v1/mail-clients");
export const checkImap = (password) => api("/api/v1/mail-clients/check", { method: "POST", body: { password } });
