import { api, enc } from "./http.js";

/** Folders: the system ones (Inbox, Sent, Drafts, Archive, Junk, Trash) and mine, with their counters. */
export const listFolders = async () => (await api("/api/v1/folders")).folders;
export const createFolder = (name) => api("/api/v1/folders", { method: "POST", body: { name } });
export const renameFolder = (name, to) => api(`/api/v1/folders/${enc(name)}`, { method: "PATCH", body: { name: to } });
export const deleteFolder = (name) => api(`/api/v1/folders/${enc(name)}`, { method: "DELETE" });
