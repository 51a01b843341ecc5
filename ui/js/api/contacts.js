import { api, qs } from "./http.js";

/** searchContacts: the people in my own mail, most frequent first, for address autocomplete. */
export const searchContacts = async (query, limit = 8) => (await api(`/api/v1/contacts${qs({ query, limit })}`)).contacts;
