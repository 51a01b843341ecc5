import { api, enc } from "./http.js";

/**
 * Drafts are private to me until sent. Mailpit messages never change, so every save answers a
 * new ID: callers must keep the one returned.
 */
export const createDraft = (body) => api("/api/v1/drafts", { method: "POST", body });
export const getDraft = (id) => api(`/api/v1/drafts/${enc(id)}`);
export const updateDraft = (id, body) => api(`/api/v1/drafts/${enc(id)}`, { method: "PUT", body });
export const deleteDraft = (id) => api(`/api/v1/drafts/${enc(id)}`, { method: "DELETE" });
/** sendDraft sends the draft as saved and removes it; answers {ID} of the sent message. */
export const sendDraft = (id) => api(`/api/v1/drafts/${enc(id)}/send`, { method: "POST" });
