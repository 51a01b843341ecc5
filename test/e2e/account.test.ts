import { CLI_OPERATOR } from "../../src/adapters/cli/operator.js";
import { describe, expect, it } from "vitest";
import { eventually } from "../support/browser.js";
import { accepted, submit } from "../support/mail.js";
import { asUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { noErrors, shot, signIn, useUi } from "./helpers.js";

const ui = useUi();

/** deliverAs submits one message over Sandpit's SMTP with AUTH as `email` (a token as password). */
const deliverAs = async (port: number, email: string, token: string) =>
  accepted(
    await submit(port, { from: email, to: email, subject: "from my mail client", text: "x" }, { auth: { user: email, pass: token } }),
  );

// Browser tests wait on real mail and rendering; under a full parallel run they need more than 30 s.
describe("web UI: accounts, tokens and SMTP", { timeout: 60_000 }, () => {
  it("switches between accounts in one browser and logs out (revoking the session)", async () => {
    const [dora, eric] = [uniq("dora"), uniq("eric")];
    const page = await ui.openAs(dora);
    await page.locator(".menu summary").click();
    await page.getByRole("link", { name: "Add another account" }).click();
    await page.getByRole("heading", { name: "Add another account" }).waitFor();
    await signIn(page, eric, "register");
    await eventually.hasText(page.locator(".list-title"), "Inbox");
    await page.locator(".menu summary").click();
    await shot(page, "07-account-menu");
    await page.locator(`button[data-switch="${dora}"]`).click();
    await page.locator(".menu summary", { hasText: dora }).waitFor();

    const tokensBefore = await page.evaluate(async () => (await (await fetch("/api/v1/auth/tokens")).json()).tokens);
    const sessionId = tokensBefore.find((t: { current: boolean }) => t.current).id as string;
    await page.locator(".menu summary").click();
    await page.getByRole("button", { name: "Log out", exact: true }).click();
    // The other account stays signed in; dora's session token is revoked on the server.
    await page.locator(".menu summary", { hasText: eric }).waitFor();
    const tokens = await ui.stack.app.server.deps.services.admin.listTokens(CLI_OPERATOR, dora);
    expect(tokens.map((t) => t.id)).not.toContain(sessionId);
    await page.locator(".menu summary").click();
    await page.getByRole("button", { name: "Log out", exact: true }).click();
    await page.getByRole("heading", { name: "Sign in to Sandpit" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Folders" }).isVisible()).toBe(false);
    await shot(page, "08-signed-out");
    noErrors(page);
  });

  it("saves my name and creates an API token shown once, which works until revoked", async () => {
    const fay = uniq("fay");
    const page = await ui.openAs(fay);
    await page.locator(".menu summary").click();
    await page.getByRole("link", { name: "Account", exact: true }).click();
    await page.getByLabel("Name", { exact: true }).fill("Fay Tester");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await eventually.containsText(page.locator("#toast"), "Name saved");
    expect((await ui.stack.app.server.deps.services.admin.findUser(CLI_OPERATOR, fay)).name).toBe("Fay Tester");
    await page.getByLabel("Token name").fill("ci-pipeline");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByLabel("New token").inputValue();
    expect(token).toMatch(/^sp_/);
    await shot(page, "09-account-token");
    expect(await page.locator("main").textContent()).not.toContain("null");
    const api = asUser(ui.stack.app, fay, token);
    expect((await api.json("/api/v1/auth/me")).status).toBe(200);

    await page.locator("tr", { hasText: "ci-pipeline" }).getByRole("button", { name: "Revoke" }).click();
    await eventually.count(page.locator("tr", { hasText: "ci-pipeline" }), 0);
    expect((await api.json("/api/v1/auth/me")).status).toBe(401);
    noErrors(page);
  });

  it("shows my mail-client settings, creates a token, logs in over IMAP listing my folders, and tests a real SMTP AUTH", async () => {
    const gus = uniq("gus");
    const page = await ui.openAs(gus);
    await page.goto(`${ui.stack.app.url}/#/account`);
    const card = page.locator("#mail-clients-card");
    const { imap, pop3, smtp } = ui.stack.app.server;
    for (const [protocol, port] of [
      ["IMAP", imap.port],
      ["POP3", pop3.port],
      ["SMTP", smtp.port],
    ] as const) {
      await eventually.containsText(card.locator(`tr[data-protocol="${protocol}"]`), `${protocol}127.0.0.1${port}STARTTLS offered`);
    }
    await eventually.containsText(card, `Username${gus}`);
    await card.locator("summary", { hasText: "Thunderbird" }).click();
    await eventually.containsText(card.locator("details[open]"), `IMAP 127.0.0.1, port ${imap.port}, STARTTLS`);
    await page.locator("#mail-client-password").fill("sp_not-a-token");
    await page.getByRole("button", { name: "Test connection" }).click();
    await eventually.containsText(page.locator("#imap-result"), "Refused: NO [AUTHENTICATIONFAILED]");
    await page.getByRole("button", { name: "Test sending" }).click();
    await eventually.containsText(page.locator("#smtp-result"), "Refused: 535 5.7.8");
    await page.getByRole("button", { name: "Create a token for mail clients" }).click();
    const token = await page.locator("#mail-client-token").inputValue();
    expect(token).toMatch(/^sp_/);
    await eventually.count(page.locator("tr", { hasText: "mail client" }), 1);
    await page.getByRole("button", { name: "Test connection" }).click();
    await eventually.containsText(page.locator("#imap-result"), "Connected over IMAP: 6 folders");
    expect(await page.locator("#imap-result li").allTextContents()).toEqual(expect.arrayContaining(["INBOX", "Sent", "Drafts", "Trash"]));
    await page.getByRole("button", { name: "Test sending" }).click();
    await eventually.containsText(page.locator("#smtp-result"), "Connected: 235");
    await shot(page, "10-account-mail-clients");
    // The token really works for SMTP: gus sends as himself, and owns the message as its sender.
    const id = await deliverAs(ui.stack.app.server.smtp.port, gus, token);
    const mine = await asUser(ui.stack.app, gus, token).json(`/api/v1/message/${id}`);
    expect(mine.status).toBe(200);
    noErrors(page);
  });

  it("refuses cookie-authenticated writes without the CSRF header", async () => {
    const hank = uniq("hank");
    const page = await ui.openAs(hank);
    const status = await page.evaluate(async () => (await fetch("/api/v1/messages", { method: "DELETE" })).status);
    expect(status).toBe(403);
    const withHeader = await page.evaluate(
      async () => (await fetch("/api/v1/messages", { method: "DELETE", headers: { "X-Sandpit-CSRF": "1" } })).status,
    );
    expect(withHeader).toBe(200);
  });
  it("keeps a page I went to while signing in (it does not send me back to the Inbox)", async () => {
    const page = await (await ui.newContext()).newPage();
    // Hold my folders back so that I navigate while signing in is still finishing.
    let release = () => undefined as void;
    const held = new Promise<void>((r) => (release = r));
    await page.route("**/api/v1/folders", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(ui.stack.app.url);
    const fred = uniq("fred");
    await page.getByLabel("Email address").fill(fred);
    await page.locator("#register").click();
    await page.locator(".menu summary", { hasText: fred }).waitFor();
    await page.evaluate(() => (location.hash = "#/account"));
    await page.getByRole("heading", { name: "Account" }).waitFor();
    release();
    // The sidebar lists my folders in the same step that would have sent me to the Inbox.
    await page.locator('#sidebar li[data-folder="Inbox"]').waitFor();
    expect(new URL(page.url()).hash).toBe("#/account");
  });
});
