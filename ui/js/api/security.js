import { api, qs } from "./http.js";

/** My account's security: ending sessions, my activity, two-factor, and password reset. */

/** logoutEverywhere ends every session of mine, this one included (API tokens stay): {ended}. */
export const logoutEverywhere = () => api("/api/v1/auth/logout-everywhere", { method: "POST" });

/** listActivity: {entries, total}, what I did and what was done to my account, newest first. */
export const listActivity = ({ start = 0, limit = 10 } = {}) => api(`/api/v1/auth/activity${qs({ start, limit })}`);

/** two-factor: status {enabled, pending, recoveryCodesLeft}; setup {secret, uri, qrSvg}; enable {recoveryCodes}. */
export const twoFactorStatus = () => api("/api/v1/auth/2fa");
export const setupTwoFactor = () => api("/api/v1/auth/2fa/setup", { method: "POST" });
export const enableTwoFactor = (code) => api("/api/v1/auth/2fa/enable", { method: "POST", body: { code } });
export const disableTwoFactor = (code) => api("/api/v1/auth/2fa/disable", { method: "POST", body: { code } });

/** requestReset always answers 202 {ok, message}: it never tells whether the account exists. */
export const requestReset = (email) => api("/api/v1/auth/password-reset-request", { method: "POST", body: { email } });
/** resetPassword spends a reset link's token once (204); every session of the user ends. */
export const resetPassword = (token, password) => api("/api/v1/auth/password-reset", { method: "POST", body: { token, password } });
