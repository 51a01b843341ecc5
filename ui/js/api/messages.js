import { api, enc, qs } from "./http.js";

/** Messages: lists, search, one message and its parts, and my per-user state (read, star, folder). */

/** listMessages lists one folder of mine (or all my mail but Drafts and Trash without one). */
export const listMessages = ({ folder, start = 0, limit = 50 } = {}) => api(`/api/v1/messages${qs({ folder, start, limit })}`);

/** searchMessages runs the API's search syntax (in:, is:starred, from:, …) over my mail. */
export const searchMessages = ({ query, start = 0, limit = 50 }) => api(`/api/v1/search${qs({ query, start, limit })}`);

/** getMessage fetches one message; it marks it read for me. */
export const getMessage = (id) => api(`/api/v1/message/${enc(id)}`);
export const getHeaders = (id) => api(`/api/v1/message/${enc(id)}/headers`);
export const getRaw = (id) => api(`/api/v1/message/${enc(id)}/raw`);
export const htmlCheck = (id) => api(`/api/v1/message/${enc(id)}/html-check`);
export const getLinks = (id) => api(`/api/v1/message/${enc(id)}/links`);
export const linkCheck = (id) => api(`/api/v1/message/${enc(id)}/link-check`);

/** messageBase is the URL prefix of a message's parts and downloads. */
export const messageBase = (id) => `/api/v1/message/${enc(id)}`;

/** viewUrl is the sandboxed rendering of a message's HTML body. */
export const viewUrl = (id, remote) => `/view/${enc(id)}.html?remote=${remote ? 1 : 0}&inline=data`;

/** replyDraft is the server's reply, reply-all or forward draft: {To, Cc, Subject, Text, Headers}. */
export const replyDraft = (id, kind) => api(`/api/v1/message/${enc(id)}/draft${qs({ kind })}`);

export const setRead = (IDs, Read) => api("/api/v1/messages", { method: "PUT", body: { IDs, Read } });
export const setStarred = (IDs, Starred) => api("/api/v1/messages", { method: "PUT", body: { IDs, Starred } });
export const moveMessages = (IDs, Folder) => api("/api/v1/messages", { method: "PUT", body: { IDs, Folder } });

/** deleteMessages removes messages from my mailbox for good (never with an empty list: that means all). */
export function deleteMessages(IDs) {
  if (!IDs.length) return Promise.resolve();
  return api("/api/v1/messages", { method: "DELETE", body: { IDs } });
}
