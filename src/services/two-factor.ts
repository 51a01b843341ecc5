import { createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { z } from "zod";
import type { ActingUser } from "../domain/acting-user.js";
import { AppError } from "../errors.js";
import type { Store, UserRow } from "../store/ports.js";
import type { ClientMeta } from "./account-shapes.js";
import type { AuditService } from "./audit.js";
import type { LoginGuard } from "./login-guard.js";

/** Two-factor sign-in for password mode (#12): TOTP (RFC 6238) with the otpauth library, plus recovery codes. */

const RECOVERY_CODES = 10;

export const TotpCodeSchema = z.object({ code: z.string().trim().min(6).max(64) }).strict();

/** TwoFactor enrols, checks and removes a user's second factor. */
export interface TwoFactor {
  status(user: ActingUser): Promise<{ enabled: boolean; pending: boolean; recoveryCodesLeft: number }>;
  /** begin makes a new secret (pending until confirmed): the otpauth:// URI, its QR code (SVG) and the secret. */
  begin(user: ActingUser, meta?: ClientMeta): Promise<{ secret: string; uri: string; qrSvg: string }>;
  /** confirm turns two-factor on with a code from the new secret; the recovery codes are shown once. */
  confirm(user: ActingUser, code: string, meta?: ClientMeta): Promise<{ recoveryCodes: string[] }>;
  /** disable turns it off with a current code or a recovery code. */
  disable(user: ActingUser, code: string, meta?: ClientMeta): Promise<void>;
  /** checkLogin asks an enrolled user for a code (TOTP_REQUIRED) and checks it (counted like a wrong password). */
  checkLogin(user: UserRow, code: string | undefined, meta: ClientMeta, account: string): Promise<void>;
}

const totp = (email: string, secret: string) =>
  new TOTP({ issuer: "Sandpit", label: email, algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
const hash = (code: string) => createHash("sha256").update(code.replace(/[-\s]/g, "").toLowerCase()).digest("hex");
const isTotpCode = (code: string) => /^\d{6}$/.test(code.replace(/\s/g, ""));

export function createTwoFactor({
  store,
  audit,
  guard,
  passwordMode,
}: {
  store: Store;
  audit: AuditService;
  guard: LoginGuard;
  passwordMode: boolean;
}): TwoFactor {
  async function row(user: ActingUser): Promise<UserRow> {
    const r = await store.users.findById(user.id);
    if (!r) throw new AppError("UNAUTHORIZED", "missing or invalid token");
    return r;
  }
  /** matches checks a TOTP code (one period either side, for clock drift) or spends a recovery code. */
  async function matches(r: UserRow, code: string): Promise<boolean> {
    if (!r.totpSecret) return false;
    if (isTotpCode(code)) return totp(r.email, r.totpSecret).validate({ token: code.replace(/\s/g, ""), window: 1 }) !== null;
    return store.secrets.useRecoveryCode(r.id, hash(code), Date.now());
  }
  return {
    async status(user) {
      const r = await row(user);
      return {
        enabled: r.totpEnabledAt !== null,
        pending: r.totpSecret !== null && r.totpEnabledAt === null,
        recoveryCodesLeft: await store.secrets.recoveryCodesLeft(r.id),
      };
    },
    async begin(user, meta) {
      if (!passwordMode) throw new AppError("BAD_REQUEST", "two-factor is for password mode (SANDPIT_AUTH_MODE=password)");
      const r = await row(user);
      if (r.totpEnabledAt !== null) throw new AppError("CONFLICT", "two-factor is already on; turn it off first");
      const secret = new Secret({ size: 20 }).base32;
      await store.accounts.setTotp(r.id, secret, null);
      await audit.record({ actor: user, action: "totp.begin", targetUserId: r.id, result: "ok", meta });
      const uri = totp(r.email, secret).toString();
      return { secret, uri, qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1 }) };
    },
    async confirm(user, code, meta) {
      const r = await row(user);
      if (!r.totpSecret || r.totpEnabledAt !== null) throw new AppError("BAD_REQUEST", "start setting up two-factor first");
      if (!isTotpCode(code) || !(await matches(r, code))) {
        await audit.record({ actor: user, action: "totp.enable", targetUserId: r.id, result: "failed", meta });
        throw new AppError("BAD_REQUEST", "that code is not right; check the time on your device and try again");
      }
      const codes = Array.from({ length: RECOVERY_CODES }, () =>
        randomBytes(5)
          .toString("hex")
          .replace(/(.{5})/, "$1-"),
      );
      await store.secrets.setRecoveryCodes(r.id, codes.map(hash));
      await store.accounts.setTotp(r.id, r.totpSecret, Date.now());
      await audit.record({ actor: user, action: "totp.enable", targetUserId: r.id, result: "ok", meta });
      return { recoveryCodes: codes };
    },
    async disable(user, code, meta) {
      const r = await row(user);
      if (r.totpEnabledAt === null) throw new AppError("BAD_REQUEST", "two-factor is not on");
      // Guessing the code to turn it off counts like guessing it at login.
      await guard.check(r.email, meta?.ip);
      if (!(await matches(r, code))) {
        const lockedOut = await guard.failed(r.email, meta?.ip);
        await audit.record({ actor: user, action: "totp.disable", targetUserId: r.id, result: "failed", meta });
        if (lockedOut) await audit.record({ actor: user, action: "rate_limited", target: "login", result: "limited", meta });
        throw new AppError("FORBIDDEN", "that code is not right");
      }
      await store.accounts.setTotp(r.id, null, null);
      await store.secrets.setRecoveryCodes(r.id, []);
      await audit.record({ actor: user, action: "totp.disable", targetUserId: r.id, result: "ok", meta });
    },
    async checkLogin(r, code, meta, account) {
      if (r.totpEnabledAt === null) return;
      if (!code) throw new AppError("TOTP_REQUIRED", "enter the code from your authenticator app (or a recovery code)");
      if (await matches(r, code)) return;
      // Counted under the address the login gave, as the password was: an alias is no way around the limit.
      const lockedOut = await guard.failed(account, meta.ip);
      await audit.record({ actor: r, action: "login", targetUserId: r.id, result: "failed", meta, detail: "wrong two-factor code" });
      if (lockedOut) await audit.record({ actor: r, action: "rate_limited", target: "login", result: "limited", meta });
      throw new AppError("UNAUTHORIZED", "invalid two-factor code");
    },
  };
}
