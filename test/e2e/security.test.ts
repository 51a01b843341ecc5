import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { CLI_OPERATOR } from "../../src/adapters/cli/operator.js";
import { eventually } from "../support/browser.js";
import { uniq } from "../support/world.js";
import { noErrors, shot, useUi, watch, type UiPage } from "./helpers.js";

const ui = useUi({ SANDPIT_AUTH_MODE: "password" });
const PASSWORD = "user-Secret-42";

const makeUser = (email: string) => ui.stack.app.server.deps.services.admin.createUser(CLI_OPERATOR, { email, password: PASSWORD });

/** openSignIn opens a fresh browser profile on the sign-in page and fills in the address and password. */
async function openSignIn(email: string): Promise<UiPage> {
  const page = watch(await (await ui.newContext()).newPage());
  await page.goto(ui.stack.app.url);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  return page;
}

async function logIn(email: string): Promise<UiPage> {
  const page = await openSignIn(email);
  await page.locator("#login").click();
  await page.locator(".menu summary", { hasText: email }).waitFor();
  return page;
}

const totpCode = (secret: string) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();

// Browser tests wait on real mail and rendering; under a full parallel run they need more than 30 s.
describe("web UI: password reset, two-factor, sessions and activity", { timeout: 90_000 }, () => {
  it("sets up two-factor from a QR code, asks for the code at sign-in, and turns it off with a recovery code", async () => {
    const wes = uniq("wes");
    await makeUser(wes);
    const page = await logIn(wes);
    await page.goto(`${ui.stack.app.url}/#/account`);
    const card = page.locator("#two-factor");
    await eventually.containsText(card.locator("#totp-status"), "Off.");
    await card.getByRole("button", { name: "Set up two-factor" }).click();
    const qr = card.locator("#totp-qr");
    await qr.waitFor();
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
    // The CSP lets the data: image load: it has a size.
    await page.waitForFunction(() => (document.querySelector<HTMLImageElement>("#totp-qr")?.naturalWidth ?? 0) > 0);
    const secret = (await card.locator("#totp-secret").textContent())!.trim();
    await card.getByLabel("Code from the app").fill("000000");
    await card.getByRole("button", { name: "Turn on two-factor" }).click();
    await eventually.containsText(card.getByRole("alert"), "not right");
    await card.getByLabel("Code from the app").fill(totpCode(secret));
    await card.getByRole("button", { name: "Turn on two-factor" }).click();
    await eventually.count(card.locator("#recovery-codes li"), 10);
    const recovery = (await card.locator("#recovery-codes li").first().textContent())!.trim();
    await eventually.containsText(card.locator("#totp-status"), "On.");
    await shot(page, "32-two-factor-on");

    // Signing in now needs the code: the form asks for it, then takes it.
    const next = await openSignIn(wes);
    await next.locator("#login").click();
    await next.getByLabel("Two-factor code").waitFor();
    await eventually.containsText(next.locator("form .form-error"), "code from your authenticator app");
    expect(await next.locator("#top").isVisible()).toBe(false);
    await next.getByLabel("Two-factor code").fill(totpCode(secret));
    await next.locator("#login").click();
    await next.locator(".menu summary", { hasText: wes }).waitFor();

    await next.goto(`${ui.stack.app.url}/#/account`);
    const again = next.locator("#two-factor");
    await eventually.containsText(again.locator("#totp-status"), "On.");
    await again.getByLabel("Code or recovery code").fill(recovery);
    await again.getByRole("button", { name: "Turn off two-factor" }).click();
    await eventually.containsText(again.locator("#totp-status"), "Off.");
    expect((await ui.stack.app.server.deps.services.admin.findUser(CLI_OPERATOR, wes)).twoFactor).toBe(false);

    // My activity lists the two-factor changes.
    await next.reload();
    const done = next.locator("#my-activity tr:has(.result-ok)");
    await eventually.isVisible(done.filter({ hasText: "totp.disable" }));
    await eventually.isVisible(done.filter({ hasText: "totp.enable" }));
    await eventually.isVisible(next.locator("#my-activity tr:has(.result-failed)", { hasText: "totp.enable" }));
    noErrors(page, next);
  });

  it("asks for a reset link with a neutral answer, and shows the server's refusal of a bad link", async () => {
    const page = watch(await (await ui.newContext()).newPage());
    await page.goto(ui.stack.app.url);
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await page.getByRole("heading", { name: "Forgot your password?" }).waitFor();
    await page.getByLabel("Email address").fill(uniq("nobody"));
    await page.getByRole("button", { name: "Send reset link" }).click();
    await eventually.containsText(page.locator("#reset-requested"), "If an account uses this address");

    await page.goto(`${ui.stack.app.url}/#/reset?token=not-a-real-token`);
    await page.getByRole("heading", { name: "Set a new password" }).waitFor();
    await page.getByLabel("New password", { exact: true }).fill("brand-New-Secret-42");
    await page.getByLabel("New password again").fill("brand-New-Secret-42");
    await page.getByRole("button", { name: "Set password" }).click();
    await page.waitForFunction(() => (document.querySelector("#reset-error")?.textContent ?? "").length > 0);
    expect(await page.locator("#reset-done").isVisible()).toBe(false);
    noErrors(page);
  });

  it("ticks every scope I have for a new token, and logs out everywhere (both browsers)", async () => {
    const vic = uniq("vic");
    await makeUser(vic);
    const [one, two] = [await logIn(vic), await logIn(vic)];
    await one.goto(`${ui.stack.app.url}/#/account`);
    const scopes = one.locator("fieldset.scopes input[type=checkbox]");
    await eventually.count(scopes, 4);
    expect(await scopes.evaluateAll((els) => els.map((e) => [(e as HTMLInputElement).value, (e as HTMLInputElement).checked]))).toEqual([
      ["read", true],
      ["write", true],
      ["send", true],
      ["manage", true],
    ]);
    await one.getByRole("button", { name: "Log out everywhere" }).click();
    await one.getByRole("dialog").getByRole("button", { name: "Log out everywhere" }).click();
    await one.getByRole("heading", { name: "Sign in to Sandpit" }).waitFor();
    expect(await two.evaluate(async () => (await fetch("/api/v1/auth/me")).status)).toBe(401);
    noErrors(one, two);
  });
});
