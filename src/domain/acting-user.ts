import type { Scope } from "./scopes.js";

/** ActingUser is who a service call acts for; every access rule is checked against it. */
export interface ActingUser {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
  /** What this call may do: every scope for a session, the CLI and mail-door passwords; a token's own otherwise. */
  scopes: readonly Scope[];
  /** An admin who must turn on two-factor (SANDPIT_ADMIN_2FA=required) before acting as one. */
  adminNeedsTwoFactor?: boolean;
  /** The token this call was authenticated with, when there was one (not for the CLI). */
  tokenId?: string;
}
