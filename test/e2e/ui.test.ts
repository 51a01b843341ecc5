import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/browser.js";
import { deliver } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { asUser } from "../support/users.js";
import { PNG_1PX, uniq } from "../support/world.js";
import { waitFor } from "../support/app.js";
import { accepted, submit } from "../support/mail.js";

/** deliverAs submits one message over Sandpit's SMTP with AUTH as `email` (a token as password). */
const deliverAs = async (port: number, email: string, token: string) =>
  accepted(
    await submit(port, { from: email, to: email, subject: "from my mail client", text: "x" }, { auth: { user: email, pass: token } }),
  );

/** Screenshots of the main screens are kept as test artifacts (git-ignored) to look at. */
const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const stack = useStack();
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

/** openAs opens a fresh browser profile (its own cookies) and signs up or logs in. */
async function openAs(email: string, action: "register" | "login" = "register"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(stack.app.url);
  await signIn(page, email, action);
  return page;
}

async function signIn(page: Page, email: string, action: "register" | "login"): Promise<void> {
  await page.getByLabel("Email address").fill(email);
  await page.locator(`#${action}`).click();
  await page.locator(".menu summary", { hasText: email }).waitFor();
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
const row = (page: Page, subject: string) => page.locator("table.messages tr", { hasText: subject });

describe("web UI in a real browser", () => {
  it("registers alice, shows new mail live, and renders HTML without running its scripts", async () => {
    const alice = uniq("alice");
    const page = await openAs(alice);
    await eventually.containsText(page.locator(".empty"), "Your mailbox is empty");
    await shot(page, "01-empty-inbox");

    await deliver(stack.mp.smtpPort, {
      from: "Shop <shop@shop.test>",
      to: alice,
      subject: "Your order shipped",
      text: "Order shipped",
      html: '<h2>Shipped!</h2><p id="x">static</p><img id="logo" src="cid:logo@shop" width="10" height="10"><script>document.getElementById("x").textContent = "ran"; parent.document.body.dataset.pwned = "1";</script>',
      attachments: [{ filename: "logo.png", content: PNG_1PX, contentType: "image/png", cid: "logo@shop" }],
    });
    // No reload: the per-user event stream brings it in.
    await row(page, "Your order shipped").waitFor({ timeout: 10_000 });
    await eventually.hasClass(row(page, "Your order shipped"), /unread/);
    await shot(page, "02-inbox-live");

    await page.getByRole("link", { name: "Your order shipped" }).click();
    const frame = page.frameLocator("iframe.body-frame");
    await eventually.hasText(frame.locator("h2"), "Shipped!");
    await eventually.hasText(frame.locator("#x"), "static");
    // Inline (cid:) images show inside the sandbox: Sandpit embeds them as data: URIs.
    await waitFor(
      async () => (await frame.locator("#logo").evaluate((img: HTMLImageElement) => img.naturalWidth)) === 1,
      "the inline image to load",
    );
    expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
    expect(await page.locator("iframe.body-frame").getAttribute("sandbox")).not.toContain("allow-scripts");
    await shot(page, "03-message-view");

    await page.getByRole("tab", { name: "Raw" }).click();
    await eventually.containsText(page.locator("pre.raw"), "Subject: Your order shipped");
    await page.getByRole("link", { name: "← Inbox" }).click();
    await eventually.hasClass(row(page, "Your order shipped"), /read/);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
  });

  it("keeps users apart and Bcc private: alice writes to bob with a Bcc to carol", async () => {
    const [alice, bob, carol] = [uniq("alice"), uniq("bob"), uniq("carol")];
    const bobPage = await openAs(bob);
    const carolPage = await openAs(carol);
    const alicePage = await openAs(alice);
    await deliver(stack.mp.smtpPort, { from: "app@x.test", to: alice, subject: "alice private", text: "secret" });
    await row(alicePage, "alice private").waitFor();

    await alicePage.getByRole("link", { name: "Compose" }).click();
    expect(await alicePage.getByLabel("From").inputValue()).toBe(alice);
    await alicePage.getByLabel("To").fill("not-an-address");
    await alicePage.getByLabel("Subject").fill("lunch?");
    await alicePage.locator("#send").click();
    await eventually.containsText(alicePage.locator(".form-error"), "invalid To address");
    await shot(alicePage, "04-compose-error");
    await alicePage.getByLabel("To").fill(bob);
    await alicePage.getByLabel("Bcc").fill(carol);
    await alicePage.getByLabel("Text").fill("pizza at noon");
    await alicePage.locator("#send").click();
    // Sent mail is in my mailbox at once, and as the sender I see the Bcc.
    await eventually.hasText(alicePage.locator("#bcc"), carol);
    await shot(alicePage, "05-sent-with-bcc");

    await row(bobPage, "lunch?").waitFor({ timeout: 10_000 });
    expect(await bobPage.locator("table.messages").textContent()).not.toContain("alice private");
    await bobPage.getByRole("link", { name: "lunch?" }).click();
    await eventually.containsText(bobPage.locator("dl.meta"), alice);
    expect(await bobPage.locator("dl.meta").textContent()).not.toContain(carol);
    await eventually.count(bobPage.locator("#bcc"), 0);
    await bobPage.getByRole("tab", { name: "Raw" }).click();
    await eventually.containsText(bobPage.locator("pre.raw"), "pizza at noon");
    expect(await bobPage.locator("pre.raw").textContent()).not.toContain(carol);
    await shot(bobPage, "06-bob-no-bcc");

    // Bob replies to all: the server's draft goes to alice, quotes her, and never names carol.
    await bobPage.getByRole("link", { name: "Reply all" }).click();
    await eventually.containsText(bobPage.locator("h1"), "New message");
    await bobPage.waitForFunction(() => (document.querySelector("input[name=subject]") as HTMLInputElement | null)?.value === "Re: lunch?");
    expect(await bobPage.getByLabel("To").inputValue()).toBe(alice);
    expect(await bobPage.getByLabel("Text").inputValue()).toContain("> pizza at noon");
    await bobPage.locator("#send").click();
    await alicePage.getByRole("link", { name: "Inbox", exact: true }).click();
    await row(alicePage, "Re: lunch?").waitFor({ timeout: 10_000 });

    await row(carolPage, "lunch?").waitFor({ timeout: 10_000 });
    expect(await carolPage.locator("table.messages").textContent()).not.toContain("alice private");
  });

  it("switches between accounts in one browser and logs out (revoking the session)", async () => {
    const [dora, eric] = [uniq("dora"), uniq("eric")];
    const page = await openAs(dora);
    await page.locator(".menu summary").click();
    await page.getByRole("link", { name: "Add another account" }).click();
    await signIn(page, eric, "register");
    await page.locator(".menu summary").click();
    await shot(page, "07-account-menu");
    await page.locator(`button[data-switch="${dora}"]`).click();
    await page.locator(".menu summary", { hasText: dora }).waitFor();

    const tokensBefore = await page.evaluate(async () => (await (await fetch("/api/v1/auth/tokens")).json()).tokens);
    const sessionId = tokensBefore.find((t: { current: boolean }) => t.current).id as string;
    await page.locator(".menu summary").click();
    await page.locator("#logout").click();
    // The other account stays signed in; dora's session token is revoked on the server.
    await page.locator(".menu summary", { hasText: eric }).waitFor();
    const tokens = await stack.app.server.deps.services.admin.listTokens(dora);
    expect(tokens.map((t) => t.id)).not.toContain(sessionId);
    await page.locator(".menu summary").click();
    await page.locator("#logout").click();
    await page.getByRole("heading", { name: "Sign in to Sandpit" }).waitFor();
    await shot(page, "08-signed-out");
  });

  it("creates an API token shown once, which works until revoked", async () => {
    const fay = uniq("fay");
    const page = await openAs(fay);
    await page.locator(".menu summary").click();
    await page.getByRole("link", { name: "Account", exact: true }).click();
    await page.getByLabel("Name", { exact: true }).fill("Fay Tester");
    await page.locator("#save-name").click();
    await eventually.containsText(page.locator("#toast"), "Name saved");
    expect((await stack.app.server.deps.services.admin.findUser(fay)).name).toBe("Fay Tester");
    await page.getByLabel("Token name").fill("ci-pipeline");
    await page.locator("#create-token").click();
    const token = await page.locator("#new-token").inputValue();
    expect(token).toMatch(/^sp_/);
    await shot(page, "09-account-token");
    expect(await page.locator("main").textContent()).not.toContain("null");
    const api = asUser(stack.app, fay, token);
    expect((await api.json("/api/v1/auth/me")).status).toBe(200);

    await page.locator("tr", { hasText: "ci-pipeline" }).getByRole("button", { name: "Revoke" }).click();
    await eventually.count(page.locator("tr", { hasText: "ci-pipeline" }), 0);
    expect((await api.json("/api/v1/auth/me")).status).toBe(401);
  });

  it("shows my SMTP settings, creates a token for mail clients and tests a real AUTH against Sandpit's SMTP", async () => {
    const gus = uniq("gus");
    const page = await openAs(gus);
    await page.goto(`${stack.app.url}/#/account`);
    const card = page.locator("#smtp-card");
    await eventually.containsText(card, `Port${stack.app.server.smtp.port}`);
    await eventually.containsText(card, `Username${gus}`);
    await page.locator("#smtp-password").fill("sp_not-a-token");
    await page.locator("#smtp-test").click();
    await eventually.containsText(page.locator("#smtp-result"), "Refused: 535 5.7.8");
    await page.locator("#smtp-create-token").click();
    const token = await page.locator("#smtp-token").inputValue();
    expect(token).toMatch(/^sp_/);
    await eventually.count(page.locator("tr", { hasText: "mail client" }), 1);
    await page.locator("#smtp-test").click();
    await eventually.containsText(page.locator("#smtp-result"), "Connected: 235");
    await shot(page, "10-account-smtp");
    // The token really works for SMTP: gus sends as himself, and owns the message as its sender.
    const info = await deliverAs(stack.app.server.smtp.port, gus, token);
    const mine = await asUser(stack.app, gus, token).json(`/api/v1/message/${info}`);
    expect(mine.status).toBe(200);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
  });

  it("refuses cookie-authenticated writes without the CSRF header", async () => {
    const gus = uniq("gus");
    const page = await openAs(gus);
    const status = await page.evaluate(async () => (await fetch("/api/v1/messages", { method: "DELETE" })).status);
    expect(status).toBe(403);
    const withHeader = await page.evaluate(
      async () => (await fetch("/api/v1/messages", { method: "DELETE", headers: { "X-Sandpit-CSRF": "1" } })).status,
    );
    expect(withHeader).toBe(200);
  });

  it("is usable on a narrow window", async () => {
    const hal = uniq("hal");
    const context = await browser.newContext({ viewport: { width: 380, height: 740 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(stack.app.url);
    await signIn(page, hal, "register");
    await deliver(stack.mp.smtpPort, { from: "app@x.test", to: hal, subject: "small screen", text: "x" });
    await row(page, "small screen").waitFor({ timeout: 10_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, "10-narrow");
  });
});
