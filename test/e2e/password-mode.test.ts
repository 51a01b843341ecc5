import { describe, expect, it } from "vitest";
import { eventually } from "../support/browser.js";
import { uniq } from "../support/world.js";
import { noErrors, shot, useUi, watch } from "./helpers.js";

const ui = useUi({ SANDPIT_AUTH_MODE: "password" });

// Browser tests wait on real mail and rendering; under a full parallel run they need more than 30 s.
describe("web UI in password mode", { timeout: 60_000 }, () => {
  it("registers with a password, refuses a wrong one, changes it, and signs in with the new one", async () => {
    const oda = uniq("oda");
    const page = watch(await (await ui.newContext()).newPage());
    await page.goto(ui.stack.app.url);
    await page.getByRole("heading", { name: "Sign in to Sandpit" }).waitFor();
    await page.getByLabel("Email address").fill(oda);
    await page.getByLabel("Password").fill("first-Secret-42");
    await page.getByRole("button", { name: "Register" }).click();
    await page.locator(".menu summary", { hasText: oda }).waitFor();

    await page.goto(`${ui.stack.app.url}/#/account`);
    const card = page.locator("section", { has: page.getByRole("heading", { name: "Change password" }) });
    await card.getByLabel("Current password").fill("not-the-password-1");
    await card.getByLabel("New password").fill("second-Secret-42");
    await card.getByRole("button", { name: "Change password" }).click();
    await eventually.containsText(card.getByRole("alert"), "current password is wrong");
    await card.getByLabel("Current password").fill("first-Secret-42");
    await card.getByRole("button", { name: "Change password" }).click();
    await eventually.containsText(page.locator("#toast"), "Password changed");
    await shot(page, "21-password-changed");

    // Changing the password ends every other session; this one logs out, then back in.
    await page.locator(".menu summary").click();
    await page.getByRole("button", { name: "Log out", exact: true }).click();
    await page.getByRole("heading", { name: "Sign in to Sandpit" }).waitFor();
    await page.getByLabel("Email address").fill(oda);
    await page.getByLabel("Password").fill("first-Secret-42");
    await page.getByRole("button", { name: "Log in" }).click();
    // The old password no longer works: the form says so and stays.
    await page.waitForFunction(() => (document.querySelector("form .form-error")?.textContent ?? "").length > 0);
    expect(await page.getByRole("heading", { name: "Sign in to Sandpit" }).isVisible()).toBe(true);
    expect(await page.locator("#top").isVisible()).toBe(false);
    await page.getByLabel("Password").fill("second-Secret-42");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.locator(".menu summary", { hasText: oda }).waitFor();
    await eventually.hasText(page.locator(".list-title"), "Inbox");
    noErrors(page);
  });
});
