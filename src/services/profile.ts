import type { z } from "zod";
import type { Store } from "../store/ports.js";
import type { ActingUser } from "../domain/acting-user.js";
import { readPreferences, type Preferences, type PreferencesPatchSchema } from "../domain/preferences.js";

/** Contact is someone I exchanged mail with, for autocomplete. */
export interface Contact {
  address: string;
  name: string;
  last: string;
  count: number;
}

/** ProfileService answers what is mine beyond messages: my preferences and my contacts. */
export interface ProfileService {
  preferences(user: ActingUser): Promise<Preferences>;
  setPreferences(user: ActingUser, patch: z.infer<typeof PreferencesPatchSchema>): Promise<Preferences>;
  /** contacts are derived from my own mail only: nobody else's mail tells me who they write to. */
  contacts(user: ActingUser, query: string, limit: number): Promise<Contact[]>;
}

export function createProfileService({ store }: { store: Store }): ProfileService {
  const preferences = async (user: ActingUser) => readPreferences(await store.users.prefs(user.id));
  return {
    preferences,
    async setPreferences(user, patch) {
      const next = { ...(await preferences(user)), ...patch };
      await store.users.setPrefs(user.id, JSON.stringify(next));
      return next;
    },
    async contacts(user, query, limit) {
      const rows = await store.mailbox.contacts(user.id, query, limit);
      return rows.map((r) => ({ address: r.address, name: r.name, last: new Date(r.lastMs).toISOString(), count: r.count }));
    },
  };
}
