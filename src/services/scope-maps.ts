import type { AddressService } from "./addresses.js";
import type { AdminService } from "./admin.js";
import type { AuditService } from "./audit.js";
import type { AuthService } from "./auth.js";
import type { DraftService } from "./drafts.js";
import type { ExtractService } from "./extract.js";
import type { FolderService } from "./folders.js";
import type { HealthService } from "./health.js";
import type { InboxService } from "./inboxes.js";
import type { InstanceService } from "./instance.js";
import type { MailClientService } from "./mail-client.js";
import type { MailClientsService } from "./mail-clients.js";
import type { MailboxEventsService } from "./mailbox-events.js";
import type { MailboxService } from "./mailbox.js";
import type { MessageService } from "./messages.js";
import type { PasswordReset } from "./password-reset.js";
import type { ProfileService } from "./profile.js";
import type { RateLimits } from "./rate-limits.js";
import type { ScopeMap } from "./scope-guard.js";
import type { SmtpService } from "./smtp.js";
import type { SubmissionService } from "./submission.js";
import type { TwoFactor } from "./two-factor.js";
import type { WaitService } from "./wait.js";

/**
 * Every service method and the scope a call needs (domain/scopes.ts), in one listing: the doors
 * (REST, MCP, UI, SMTP, IMAP, POP3) all call these services, so each rule here holds on all of them.
 */

export const AUTH: ScopeMap<Omit<AuthService, "parts">> = {
  createUser: "internal",
  register: "internal",
  login: "internal",
  authenticate: "internal",
  authenticateMail: "internal",
  stillValid: "internal",
  me: "any",
  logout: "any",
  updateProfile: "manage",
  changePassword: "manage",
  revoke: "manage",
  logoutEverywhere: "manage",
  listTokens: "manage",
  createToken: "manage",
  issueFor: "internal",
};

export const ADMIN: ScopeMap<AdminService> = {
  listUsers: "admin",
  findUser: "admin",
  getUser: "admin",
  createUser: "admin",
  updateUser: "admin",
  deleteUser: "admin",
  listTokens: "admin",
  revokeToken: "admin",
  revokeAllTokens: "admin",
  instance: "admin",
};

export const AUDIT: ScopeMap<AuditService> = { record: "internal", list: "admin", mine: "manage", expire: "internal" };
export const LIMITS: ScopeMap<RateLimits> = { take: "internal" };
export const TWO_FACTOR: ScopeMap<TwoFactor> = {
  status: "any",
  begin: "manage",
  confirm: "manage",
  disable: "manage",
  checkLogin: "internal",
};
export const RESETS: ScopeMap<PasswordReset> = { request: "internal", createLink: "internal", reset: "internal" };
export const INBOXES: ScopeMap<InboxService> = { create: "manage", list: "manage", remove: "manage", expire: "internal" };

export const ADDRESSES: ScopeMap<AddressService> = {
  list: "any",
  add: "manage",
  remove: "manage",
  addDomain: "manage",
  removeDomain: "manage",
};

export const MAILBOX: ScopeMap<MailboxService> = {
  list: "read",
  search: "read",
  summary: "read",
  tags: "read",
  totals: "read",
  setRead: "write",
  setStarred: "write",
  move: "write",
  remove: "write",
  expunge: "write",
  copy: "write",
};

export const MESSAGES: ScopeMap<MessageService> = {
  own: "read",
  get: "read",
  headers: "read",
  raw: "read",
  part: "read",
  thumb: "read",
  htmlCheck: "read",
  saCheck: "read",
  linkCheck: "read",
  view: "read",
  viewInlined: "read",
};

export const FOLDERS: ScopeMap<FolderService> = { list: "read", resolve: "read", create: "write", rename: "write", remove: "write" };
export const DRAFTS: ScopeMap<DraftService> = { get: "read", create: "write", update: "write", remove: "write", send: "send" };
export const EXTRACT: ScopeMap<ExtractService> = { links: "read", codes: "read" };
export const PROFILE: ScopeMap<ProfileService> = { preferences: "any", setPreferences: "manage", contacts: "read" };
export const WAIT: ScopeMap<WaitService> = { waitFor: "read" };
export const EVENTS: ScopeMap<MailboxEventsService> = { follow: "read", changed: "internal" };
export const HEALTH: ScopeMap<HealthService> = { ready: "internal" };

export const SUBMISSION: ScopeMap<SubmissionService> = {
  send: "send",
  submitRaw: "internal",
  checkMailFrom: "internal",
  draft: "write",
  keep: "write",
};

export const INSTANCE: ScopeMap<InstanceService> = {
  info: "read",
  webui: "read",
  setTags: "write",
  renameTag: "write",
  deleteTag: "write",
  getChaos: "any",
  setChaos: "any",
  release: "send",
};

export const SMTP: ScopeMap<SmtpService> = {
  settings: "any",
  check: "any",
  getChaos: "any",
  setChaos: "manage",
  forRecipient: "internal",
  forSender: "internal",
};

export const MAIL_CLIENT: ScopeMap<MailClientService> = {
  login: "internal",
  stillValid: "internal",
  admitChange: "write",
  folders: "read",
  open: "read",
  entries: "read",
  matching: "read",
  follow: "read",
  source: "read",
  heads: "read",
  setFlag: "write",
  markOpened: "read",
  markDeleted: "write",
  expunge: "write",
  copy: "write",
  append: "write",
  createFolder: "write",
  renameFolder: "write",
  deleteFolder: "write",
};

export const MAIL_CLIENTS: ScopeMap<MailClientsService> = { settings: "any", doors: "internal", checkImap: "any" };
