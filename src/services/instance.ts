import { actsAsAdmin, requireAdmin as requireAdminRights } from "../domain/scopes.js";
import { z } from "zod";
import { messageNotFound } from "../errors.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { Store } from "../store/ports.js";
import type { ActingUser } from "../domain/acting-user.js";
import { toSummary } from "./present.js";

export const TagNameSchema = z.string().regex(/^[A-Za-z0-9\- _.@]{1,100}$/, "invalid tag name");
export const SetTagsInputSchema = z.object({ IDs: z.array(z.string()).min(1).max(1000), Tags: z.array(TagNameSchema).max(50) }).strict();
export const RenameTagInputSchema = z.object({ Name: TagNameSchema }).strict();
export const ReleaseInputSchema = z.object({ To: z.array(z.email()).min(1).max(50) }).strict();
const Trigger = z.object({ ErrorCode: z.number().int().min(400).max(599), Probability: z.number().int().min(0).max(100) }).strict();
export const ChaosInputSchema = z
  .object({ Sender: Trigger.optional(), Recipient: Trigger.optional(), Authentication: Trigger.optional() })
  .strict();

/** InstanceService: Mailpit's instance-wide routes, per user or for admins only. */
export interface InstanceService {
  /** info is Mailpit's AppInformation with my own counts; instance details for admins only. */
  info(user: ActingUser): Promise<Record<string, unknown>>;
  /** webui is Mailpit's UI configuration, with relay and chaos shown as off for non-admins. */
  webui(user: ActingUser): Promise<Record<string, unknown>>;
  setTags(user: ActingUser, input: z.infer<typeof SetTagsInputSchema>): Promise<void>;
  renameTag(user: ActingUser, tag: string, name: string): Promise<void>;
  deleteTag(user: ActingUser, tag: string): Promise<void>;
  getChaos(user: ActingUser): Promise<unknown>;
  setChaos(user: ActingUser, input: z.infer<typeof ChaosInputSchema>): Promise<unknown>;
  /** release relays a stored message to real addresses: admins only, and only their own mail. */
  release(user: ActingUser, id: string, to: string[]): Promise<void>;
}

/**
 * createInstanceService covers Mailpit's instance-wide routes (DESIGN §3.8): `info` and `webui`
 * are answered per user; tag rename/delete/set, chaos and release act on everyone's mail and are
 * for admins only.
 */
export function createInstanceService({ store, mailpit }: { store: Store; mailpit: MailpitClient }): InstanceService {
  const requireAdmin = (user: ActingUser, what: string) => requireAdminRights(user, `${what} acts on every user's mail`);

  return {
    /** info is Mailpit's AppInformation with my own counts; instance details for admins only. */
    async info(user: ActingUser) {
      const upstream = (await mailpit.info()) as Record<string, unknown>;
      const totals = await store.mailbox.totals(user.id);
      const tags: Record<string, number> = {};
      const tagged = await store.mailbox.list(user.id, { start: 0, limit: 0, terms: [{ kind: "is", value: "tagged", negate: false }] });
      for (const row of tagged.rows) {
        for (const t of toSummary(row).Tags) tags[t] = (tags[t] ?? 0) + 1;
      }
      const mine = { Messages: totals.total, Unread: totals.unread, Tags: tags };
      if (actsAsAdmin(user)) return { ...upstream, ...mine };
      return {
        Version: upstream.Version ?? "",
        LatestVersion: "",
        Database: "",
        DatabaseSize: 0,
        ...mine,
        RuntimeStats: { Uptime: 0, Memory: 0, MessagesDeleted: 0, SMTPAccepted: 0, SMTPAcceptedSize: 0, SMTPRejected: 0, SMTPIgnored: 0 },
      };
    },

    /** webui is Mailpit's UI configuration, with relay and chaos shown as off for non-admins. */
    async webui(user: ActingUser) {
      const upstream = (await mailpit.webui()) as Record<string, unknown>;
      if (actsAsAdmin(user)) return upstream;
      // The relay's server, return path and recipient rules are instance settings: keep the shape
      // Mailpit clients parse, with every value blank.
      const relay = (upstream.MessageRelay ?? {}) as Record<string, unknown>;
      const blank = Object.fromEntries(Object.entries(relay).map(([k, v]) => [k, blankOf(v)]));
      return { ...upstream, Label: upstream.Label || "Sandpit", MessageRelay: { ...blank, Enabled: false }, ChaosEnabled: false };
    },

    async setTags(user: ActingUser, input: z.infer<typeof SetTagsInputSchema>): Promise<void> {
      requireAdmin(user, "setting tags");
      await mailpit.setTags(input.IDs, input.Tags);
    },
    async renameTag(user: ActingUser, tag: string, name: string): Promise<void> {
      requireAdmin(user, "renaming a tag");
      await mailpit.renameTag(tag, name);
    },
    async deleteTag(user: ActingUser, tag: string): Promise<void> {
      requireAdmin(user, "deleting a tag");
      await mailpit.deleteTag(tag);
    },
    async getChaos(user: ActingUser): Promise<unknown> {
      requireAdmin(user, "chaos");
      return mailpit.getChaos();
    },
    async setChaos(user: ActingUser, input: z.infer<typeof ChaosInputSchema>): Promise<unknown> {
      requireAdmin(user, "chaos");
      return mailpit.setChaos(input);
    },
    /** release relays a stored message to real addresses: admins only, and only their own mail. */
    async release(user: ActingUser, id: string, to: string[]): Promise<void> {
      requireAdmin(user, "release");
      const row = await store.mailbox.findOwned(user.id, id);
      if (!row) throw messageNotFound();
      await mailpit.release(row.id, to);
    },
  };
}

/** blankOf is the empty value of a JSON value's type. */
function blankOf(v: unknown): unknown {
  if (typeof v === "string") return "";
  if (typeof v === "number") return 0;
  if (typeof v === "boolean") return false;
  if (Array.isArray(v)) return [];
  return null;
}
