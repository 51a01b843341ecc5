import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CLI_OPERATOR } from "../../src/adapters/cli/operator.js";
import { waitFor } from "../support/app.js";
import { eventually } from "../support/browser.js";
import { asUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { noErrors, shot, useUi, watch, type UiPage } from "./helpers.js";

const ui = useUi({ SANDPIT_AUTH_MODE: "password" });
const PASSWORD = "admin-Secret-42";

/** makeUser creates an account as the operator's CLI would (an admin when asked). */
const makeUser = (email: string, isAdmin = false, password = PASSWORD) =>
  ui.stack.app.server.deps.services.admin.createUser(CLI_OPERATOR, { email, password, isAdmin });

/** logIn opens a fresh browser profile and signs in with a password. */
async function logIn(email: string, password = PASSWORD): Promise<UiPage> {
  const page = watch(await (await ui.newContext()).newPage());
  await page.goto(ui.stack.app.url);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.locator("#login").click();
  await page.locator(".menu summary", { hasText: email }).waitFor();
  return page;
}

/** openAdmin follows the account menu's Admin link. */
async function openAdmin(page: Page): Promise<void> {
  await page.locator(".menu summary").click();
  await page.locator("#admin-link").click();
  await page.getByRole("heading", { name: "Admin", exact: true }).waitFor();
}

const panel = (page: Page) => page.locator("#admin-user");
const toastSays = (page: Page, text: string) => eventually.containsText(page.locator("#toast"), text);

// Browser tests wait on real mail and rendering; under a full parallel run they need more than 30 s.
describe("web UI: the admin console", { timeout: 90_000 }, () => {
  it("creates a user whose session and API token stop when disabled, and come back (the token) when enabled", async () => {
    const [root, zoe] = [uniq("root"), uniq("zoe")];
    await makeUser(root, true);
    const admin = await logIn(root);
    await openAdmin(admin);
    const create = admin.locator("#create-user");
    await create.getByLabel("Email").fill(zoe);
    await create.getByLabel("Name").fill("Zoe Tester");
    await create.getByLabel("Password").fill("zoe-Secret-4242");
    await create.getByRole("button", { name: "Create user" }).click();
    await eventually.containsText(panel(admin).locator("h2"), zoe);
    await eventually.isVisible(admin.locator(`#admin-users tr[data-user="${zoe}"]`));

    // Zoe signs in elsewhere and makes an API token without the send scope.
    const user = await logIn(zoe, "zoe-Secret-4242");
    await user.goto(`${ui.stack.app.url}/#/account`);
    await user.getByLabel("Token name").fill("ci");
    await user.locator("#scope-send").uncheck();
    await user.getByRole("button", { name: "Create token" }).click();
    const token = await user.getByLabel("New token").inputValue();
    await eventually.hasText(user.locator("tr", { hasText: "ci" }).locator(".token-scopes"), "read, write, manage");
    const api = asUser(ui.stack.app, zoe, token);
    expect((await api.json("/api/v1/auth/me")).body.scopes).toEqual(["read", "write", "manage"]);
    expect((await api.json("/api/v1/messages")).status).toBe(200);

    // The admin sees her session and token, then disables her.
    await panel(admin).getByRole("button", { name: "Close" }).click();
    await admin.getByRole("searchbox", { name: "Search users" }).fill(zoe);
    await admin.getByRole("button", { name: "Search", exact: true }).last().click();
    await eventually.count(admin.locator("#admin-users tbody tr"), 1);
    await admin.locator(`#admin-users tr[data-user="${zoe}"]`).getByRole("button", { name: "Manage" }).click();
    await eventually.count(panel(admin).locator("table.tokens tbody tr"), 2);
    await shot(admin, "30-admin-user");
    await panel(admin).getByRole("button", { name: "Disable" }).click();
    await toastSays(admin, `Disabled ${zoe}`);
    await eventually.isVisible(panel(admin).locator(".badge", { hasText: "disabled" }));

    // Her open session stops: the next call is 401 and the next page is the sign-in page.
    expect(await user.evaluate(async () => (await fetch("/api/v1/auth/me")).status)).toBe(401);
    await user.evaluate(() => (location.hash = "#/folder/Sent"));
    await user.getByRole("heading", { name: "Sign in to Sandpit" }).waitFor();
    expect((await api.json("/api/v1/messages")).status).toBe(401);

    await panel(admin).getByRole("button", { name: "Enable" }).click();
    await toastSays(admin, `Enabled ${zoe}`);
    await waitFor(async () => (await api.json("/api/v1/messages")).status === 200, "the token to work again");

    // The audit log lists what the admin did.
    const filters = admin.locator("#audit-filters");
    await filters.getByLabel("Action").fill("admin.");
    await filters.getByRole("button", { name: "Filter" }).click();
    await eventually.isVisible(admin.locator("#audit-log tr", { hasText: "admin.user_disable" }));
    await eventually.containsText(admin.locator("#audit-log tr", { hasText: "admin.user_enable" }), zoe);
    await eventually.hasText(admin.locator("#mailpit-health"), "healthy");
    await shot(admin, "31-admin-audit");
    noErrors(admin, user);
  });

  it("manages addresses, domains and tokens, makes a reset link that sets a password, and deletes after a confirm", async () => {
    const [root, yan] = [uniq("root"), uniq("yan")];
    await makeUser(root, true);
    const admin = await logIn(root);
    await openAdmin(admin);
    const create = admin.locator("#create-user");
    await create.getByLabel("Email").fill(yan);
    await create.getByRole("button", { name: "Create user" }).click();
    const p = panel(admin);
    await eventually.containsText(p.locator("h2"), yan);

    const alias = yan.replace("@", "+alias@").replace("+alias", "-alias");
    await p.getByLabel("New address").fill(alias);
    await p.getByRole("button", { name: "Add" }).first().click();
    await eventually.isVisible(p.getByRole("button", { name: `Remove ${alias}` }));
    const domain = `run-${Date.now()}.test`;
    await p.getByLabel("New catch-all domain").fill(domain);
    await p.getByRole("button", { name: "Add" }).last().click();
    await eventually.isVisible(p.getByRole("button", { name: `Remove *@${domain}` }));
    const made = await ui.stack.app.server.deps.services.admin.findUser(CLI_OPERATOR, yan);
    expect(made.addresses).toContain(alias);
    expect(made.domains).toEqual([domain]);
    await p.getByRole("button", { name: `Remove *@${domain}` }).click();
    await eventually.count(p.getByRole("button", { name: `Remove *@${domain}` }), 0);

    // No password yet: the admin makes a reset link, which sets one.
    await p.getByRole("button", { name: "Make reset link" }).click();
    const link = await p.getByLabel("Reset link").inputValue();
    expect(link).toContain("/#/reset?token=");
    const other = watch(await (await ui.newContext()).newPage());
    await other.goto(link);
    await other.getByRole("heading", { name: "Set a new password" }).waitFor();
    await other.getByLabel("New password", { exact: true }).fill("short");
    await other.getByLabel("New password again").fill("short");
    await other.getByRole("button", { name: "Set password" }).click();
    expect(await other.locator("#reset-done").isVisible()).toBe(false);
    await other.getByLabel("New password", { exact: true }).fill("yan-Secret-4242");
    await other.getByLabel("New password again").fill("yan-Secret-4242");
    await other.getByRole("button", { name: "Set password" }).click();
    await eventually.isVisible(other.locator("#reset-done"));
    // The link works once: the server's refusal shows next to the form.
    await other.reload();
    await other.getByLabel("New password", { exact: true }).fill("yan-Secret-5353");
    await other.getByLabel("New password again").fill("yan-Secret-5353");
    await other.getByRole("button", { name: "Set password" }).click();
    await waitFor(async () => ((await other.locator("#reset-error").textContent()) ?? "").length > 0, "the server's refusal");
    const yanPage = await logIn(yan, "yan-Secret-4242");

    // Her session shows in the panel; the admin revokes it, then revokes all, then deletes her.
    await p.getByRole("button", { name: "Close" }).click();
    await admin.locator(`#admin-users tr[data-user="${yan}"]`).getByRole("button", { name: "Manage" }).click();
    await eventually.count(p.locator("table.tokens tbody tr"), 1);
    await p.locator("table.tokens tbody tr").getByRole("button", { name: "Revoke" }).click();
    await eventually.count(p.locator("table.tokens tbody tr"), 0);
    expect(await yanPage.evaluate(async () => (await fetch("/api/v1/auth/me")).status)).toBe(401);

    await p.getByRole("button", { name: "Delete user" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await eventually.containsText(p.locator("h2"), yan);
    await p.getByRole("button", { name: "Delete user" }).click();
    await dialog.getByRole("button", { name: "Delete user" }).click();
    await toastSays(admin, `Deleted ${yan}`);
    await eventually.count(admin.locator(`#admin-users tr[data-user="${yan}"]`), 0);
    await expect(ui.stack.app.server.deps.services.admin.findUser(CLI_OPERATOR, yan)).rejects.toThrow();
    noErrors(admin, other, yanPage);
  });

  it("shows no Admin link to a non-admin, and #/admin refuses them", async () => {
    const xia = uniq("xia");
    await makeUser(xia);
    const page = await logIn(xia);
    await page.locator(".menu summary").click();
    await page.getByRole("link", { name: "Account", exact: true }).waitFor();
    expect(await page.locator("#admin-link").count()).toBe(0);
    await page.goto(`${ui.stack.app.url}/#/admin`);
    await eventually.containsText(page.locator("#admin-refused"), "Admins only");
    expect(await page.evaluate(async () => (await fetch("/api/v1/admin/users")).status)).toBe(403);
    noErrors(page);
  });
});
