import { requireAdmin } from "../domain/scopes.js";
import type { AuditService } from "./audit.js";
import { z } from "zod";
import type { Config } from "../config.js";
import { AppError } from "../errors.js";
import { EmailSchema, normalizeAddress } from "../lib/addresses.js";
import type { Store, UserRow } from "../store/ports.js";
import type { ActingUser } from "../domain/acting-user.js";
import type { MailboxEventsService } from "./mailbox-events.js";

/** A catch-all domain: a host name, given as `run-42.test` or `*@run-42.test`. */
export const DomainSchema = z
  .string()
  .trim()
  .max(253)
  .transform((d) => d.replace(/^\*@/, "").toLowerCase())
  .pipe(z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "invalid domain"));

export const AddressInputSchema = z.object({ address: EmailSchema, user: EmailSchema.optional() }).strict();
export const DomainInputSchema = z.object({ domain: DomainSchema, user: EmailSchema.optional() }).strict();

export interface MyAddresses {
  addresses: { address: string; primary: boolean }[];
  domains: string[];
}

/**
 * AddressService manages the addresses mail reaches a user at (DESIGN §4): further addresses (any
 * unclaimed one in open mode, only by an admin in password mode) and catch-all domains (admins
 * only). What is added is backfilled: mail already addressed to it becomes the user's. Mail a user
 * already has stays theirs when an address is removed: ownership is decided as mail arrives.
 */
export interface AddressService {
  list(user: ActingUser): Promise<MyAddresses>;
  add(actor: ActingUser, input: z.infer<typeof AddressInputSchema>): Promise<{ address: string; primary: false }>;
  remove(actor: ActingUser, address: string, forUser?: string): Promise<void>;
  addDomain(actor: ActingUser, input: z.infer<typeof DomainInputSchema>): Promise<{ domain: string; user: string }>;
  removeDomain(actor: ActingUser, domain: string): Promise<void>;
}

export function createAddressService({
  store,
  config,
  events,
  audit,
}: {
  store: Store;
  config: Config;
  events: MailboxEventsService;
  audit: AuditService;
}): AddressService {
  /** target is whose addresses an actor changes: their own, or, for an admin, anyone's. */
  async function target(actor: ActingUser, forUser: string | undefined, mustBeAdmin: boolean): Promise<UserRow> {
    if (mustBeAdmin || forUser !== undefined) {
      requireAdmin(actor, forUser === undefined ? "adding addresses in password mode" : "changing another user's addresses");
    }
    const row = await store.users.findByAddress(normalizeAddress(forUser ?? actor.email));
    if (!row) throw new AppError("NOT_FOUND", `no user with address ${forUser}`);
    return row;
  }
  /** reserved refuses the throwaway inboxes' domain: an ended inbox's address must never find a new owner. */
  const reserved = (domain: string) => {
    if (domain === config.accounts.inboxes.domain) {
      throw new AppError("BAD_REQUEST", `${domain} is for throwaway inboxes (SANDPIT_INBOX_DOMAIN)`);
    }
  };
  const changed = (userId: number) => events.changed({ id: userId }, "folders", "all");

  return {
    async list(user) {
      const [all, domains] = await Promise.all([store.users.addressesOf(user.id), store.users.domainsOf(user.id)]);
      const row = await store.users.findById(user.id);
      return { addresses: all.map((address) => ({ address, primary: address === row?.email })), domains };
    },
    async add(actor, input) {
      reserved(input.address.split("@")[1] ?? "");
      const user = await target(actor, input.user, config.auth.mode === "password");
      if (!(await store.users.addAddress(user.id, input.address))) {
        throw new AppError("ADDRESS_TAKEN", `${input.address} already belongs to a user`);
      }
      await audit.record({ actor, action: "address.add", target: input.address, targetUserId: user.id, result: "ok" });
      if ((await store.index.backfill({ address: input.address })) > 0) await changed(user.id);
      return { address: input.address, primary: false };
    },
    async remove(actor, raw, forUser) {
      const address = normalizeAddress(raw);
      const user = await target(actor, forUser, false);
      if (address === user.email) throw new AppError("BAD_REQUEST", "the primary address cannot be removed");
      if (!(await store.users.removeAddress(user.id, address)))
        throw new AppError("NOT_FOUND", `${address} is not one of the user's addresses`);
      await audit.record({ actor, action: "address.remove", target: address, targetUserId: user.id, result: "ok" });
    },
    async addDomain(actor, input) {
      reserved(input.domain);
      const user = await target(actor, input.user, true);
      if (!(await store.users.addDomain(user.id, input.domain)))
        throw new AppError("ADDRESS_TAKEN", `${input.domain} already has a catch-all user`);
      await audit.record({ actor, action: "domain.add", target: input.domain, targetUserId: user.id, result: "ok" });
      if ((await store.index.backfill({ domain: input.domain })) > 0) await changed(user.id);
      return { domain: input.domain, user: user.email };
    },
    async removeDomain(actor, raw) {
      const parsed = DomainSchema.safeParse(raw);
      if (!parsed.success) throw new AppError("BAD_REQUEST", `not a domain name: ${raw}`);
      const domain = parsed.data;
      requireAdmin(actor, "removing a catch-all domain");
      if (!(await store.users.removeDomain(domain))) throw new AppError("NOT_FOUND", `no user has the catch-all domain ${domain}`);
      await audit.record({ actor, action: "domain.remove", target: domain, result: "ok" });
    },
  };
}
