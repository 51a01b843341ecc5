/** The rows of users and tokens as the store gives them (ports.ts re-exports them). */

export interface UserRow {
  id: number;
  email: string;
  name: string;
  passwordHash: string | null;
  isAdmin: boolean;
  createdAt: number;
  /** Set while an admin has disabled the account. */
  disabledAt: number | null;
  /** A throwaway inbox's end; null for people. */
  expiresAt: number | null;
  /** The user who created a throwaway inbox. */
  createdBy: number | null;
  /** Throwaway inboxes this user may hold at once; null: the deployment's setting. */
  inboxQuota: number | null;
  /** Base32 TOTP secret while two-factor is pending or on. */
  totpSecret: string | null;
  /** When two-factor was turned on; null while off or pending. */
  totpEnabledAt: number | null;
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string | null;
  isAdmin: boolean;
  /** Throwaway inboxes: when they end and who made them. */
  expiresAt?: number | null;
  createdBy?: number | null;
}

export interface TokenRow {
  id: string;
  userId: number;
  kind: "session" | "api";
  name: string;
  secretHash: string;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
  createdIp: string | null;
  createdUserAgent: string | null;
  /** Comma-separated scopes (domain/scopes.ts). */
  scopes: string;
}

export type NewToken = Omit<TokenRow, "createdAt" | "lastUsedAt">;
