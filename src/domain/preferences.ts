import { z } from "zod";

/** Preferences are one user's settings for the web UI, kept server-side so every browser shares them. */
export const PreferencesSchema = z.object({
  theme: z.enum(["light", "dark", "system"]),
  pageSize: z.number().int().min(10).max(200),
  notifications: z.boolean(),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

/** PreferencesPatchSchema is a change to some of them; unknown keys are refused. */
export const PreferencesPatchSchema = PreferencesSchema.partial().strict();

export const DEFAULT_PREFERENCES: Preferences = { theme: "system", pageSize: 50, notifications: false };

/**
 * readPreferences reads stored preferences over the defaults; a value that no longer validates
 * (an older version's) falls back to its default instead of failing.
 * @example readPreferences('{"theme":"dark"}').theme // "dark"
 */
export function readPreferences(json: string): Preferences {
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(json) as Record<string, unknown>;
  } catch {
    stored = {};
  }
  const out: Record<string, unknown> = { ...DEFAULT_PREFERENCES };
  for (const [key, schema] of Object.entries(PreferencesSchema.shape)) {
    const v = schema.safeParse(stored[key]);
    if (v.success) out[key] = v.data;
  }
  return out as Preferences;
}
