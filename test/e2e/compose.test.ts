import { describe, expect, it } from "vitest";
import { eventually } from "../support/browser.js";
import { deliver } from "../support/mail.js";
import { registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { countIs, goTo, noErrors, row, shot, useUi } from "./helpers.js";

const ui = useUi();

/** draftIdInUrl reads the draft's ID from the compose URL (#/compose?draft=ID). */
const draftIdInUrl = (url: string) => new URL(url.replace("#/compose?", "?")).searchParams.get("draft");

// Browser tests wait on real mail and rendering; under a full parallel run they need more than 30 s.
describe("web UI: compose, drafts and replies", { timeout: 60_000 }, () => {
  it("saves a draft while I type, lists it in Drafts, reopens it, and sends it", async () => {
    const fred = uniq("fred");
    const gina = await registerUser(ui.stack.app, uniq("gina"));
    const page = await ui.openAs(fred);
    await page.getByRole("link", { name: "Compose" }).click();
    await page.getByLabel("To", { exact: true }).fill(gina.email);
    await page.getByLabel("Subject").fill("plans for friday");
    await page.getByLabel("Text", { exact: true }).fill("hello");
    // Autosave after a pause in typing: POST, and the URL now names the draft.
    await eventually.containsText(page.locator("#draft-status"), "Draft saved");
    const first = draftIdInUrl(page.url());
    expect(first).toBeTruthy();
    await shot(page, "12-compose-draft-saved");

    await page.getByRole("link", { name: "Close (keep the draft)" }).click();
    await eventually.hasText(page.locator(".list-title"), "Drafts");
    await countIs(page, "Drafts", 1);
    await row(page, "plans for friday").waitFor();
    await eventually.containsText(row(page, "plans for friday"), `To: ${gina.email}`);
    // Nobody it names sees a draft.
    expect((await gina.json("/api/v1/search?query=friday")).body.messages_count).toBe(0);

    // Opening it from Drafts reopens compose with what I wrote.
    await page.getByRole("link", { name: /plans for friday/ }).click();
    await eventually.hasValue(page.getByLabel("Subject"), "plans for friday");
    expect(await page.getByLabel("To", { exact: true }).inputValue()).toBe(gina.email);
    await page.getByLabel("Text", { exact: true }).fill("hello, see you at 8");
    await eventually.containsText(page.locator("#draft-status"), "Draft saved");
    // Every save is a new message with a new ID; the old version is gone.
    const second = draftIdInUrl(page.url());
    expect(second).not.toBe(first);
    const drafts = await page.evaluate(async () => (await (await fetch("/api/v1/messages?folder=Drafts")).json()).messages);
    expect(drafts.map((m: { ID: string }) => m.ID)).toEqual([second]);

    await page.getByRole("button", { name: "Send" }).click();
    await eventually.hasText(page.locator(".list-title"), "Sent");
    await eventually.hasText(page.locator("#message-subject"), "plans for friday");
    await countIs(page, "Drafts", 0);
    const got = await gina.json("/api/v1/search?query=friday");
    expect(got.body.messages_count).toBe(1);
    await goTo(page, "Drafts");
    await eventually.containsText(page.locator(".list .empty"), "No drafts");
    noErrors(page);
  });

  it("picks the sender among my addresses and completes recipients from my contacts", async () => {
    const hugo = uniq("hugo");
    const alias = uniq("hugo-alias");
    const page = await ui.openAs(hugo);
    await deliver(ui.stack.mp.smtpPort, { from: "Dora Explorer <dora.explorer@map.test>", to: hugo, subject: "hola", text: "x" });
    await row(page, "hola").waitFor({ timeout: 10_000 });

    // A second address, added on the account page.
    await page.goto(`${ui.stack.app.url}/#/account`);
    await page.getByLabel("New address").fill(alias);
    await page.getByRole("button", { name: "Add address" }).click();
    await eventually.containsText(page.locator("#addresses"), alias);

    await page.getByRole("link", { name: "Compose" }).click();
    const from = page.getByLabel("From", { exact: true });
    await eventually.count(from.locator("option"), 2);
    await from.selectOption(alias);
    const to = page.getByRole("combobox", { name: "To", exact: true });
    await to.pressSequentially("dora.ex");
    const suggestion = page.getByRole("option", { name: /dora\.explorer@map\.test/ });
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain("Dora Explorer");
    await shot(page, "13-compose-autocomplete");
    await to.press("Enter");
    await eventually.hasValue(to, "dora.explorer@map.test, ");
    await eventually.count(suggestion, 0);
    await page.getByLabel("Subject").fill("from my alias");
    await page.getByRole("button", { name: "Send" }).click();
    await eventually.hasText(page.locator("#message-subject"), "from my alias");
    await eventually.containsText(page.locator("dl.meta"), alias);

    // Without the alias, From is my one address again.
    await page.goto(`${ui.stack.app.url}/#/account`);
    await page.getByRole("button", { name: `Remove ${alias}` }).click();
    await eventually.count(page.locator("#addresses li", { hasText: alias }), 0);
    await page.getByRole("link", { name: "Compose" }).click();
    await eventually.hasValue(page.getByLabel("From", { exact: true }), hugo);
    expect(await page.locator("select[name=from]").count()).toBe(0);
    noErrors(page);
  });

  it("replies and forwards with the server's draft; a reply marks the original answered", async () => {
    const ivy = uniq("ivy");
    const page = await ui.openAs(ivy);
    await deliver(ui.stack.mp.smtpPort, { from: "Sam <sam@client.test>", to: ivy, subject: "question", text: "what time?" });
    await row(page, "question").waitFor({ timeout: 10_000 });
    await page.getByRole("link", { name: /question/ }).click();
    await eventually.hasText(page.locator("#message-subject"), "question");
    const id = (await row(page, "question").getAttribute("data-id"))!;

    await page.getByRole("link", { name: "Reply", exact: true }).click();
    await eventually.hasValue(page.getByLabel("Subject"), "Re: question");
    // Exactly the server's draft, not one derived in the browser.
    const server = await page.evaluate(async (i) => (await fetch(`/api/v1/message/${i}/draft?kind=reply`)).json(), id);
    expect(await page.getByLabel("To", { exact: true }).inputValue()).toBe(server.To.join(", "));
    // (A textarea's value has LF line ends, whatever the text it was given.)
    expect(await page.getByLabel("Text", { exact: true }).inputValue()).toBe(server.Text.replace(/\r\n?/g, "\n"));
    expect(server.Text).toContain("> what time?");
    await page.getByLabel("Text", { exact: true }).press("Control+Home");
    await page.getByLabel("Text", { exact: true }).pressSequentially("At eight.\n");
    await page.getByRole("button", { name: "Send" }).click();
    await eventually.hasText(page.locator("#message-subject"), "Re: question");
    await page.getByRole("tab", { name: "Raw" }).click();
    await eventually.containsText(page.locator("pre.raw"), "In-Reply-To:");

    await goTo(page, "Inbox");
    await eventually.count(row(page, "question").locator(".answered"), 1);
    await page.getByRole("link", { name: /question/ }).click();
    await page.getByRole("link", { name: "Forward" }).click();
    await eventually.hasValue(page.getByLabel("Subject"), "Fwd: question");
    expect(await page.getByLabel("To", { exact: true }).inputValue()).toBe("");
    expect(await page.getByLabel("Text", { exact: true }).inputValue()).toContain("what time?");
    // Discarding a forward I never saved leaves no draft behind.
    await page.getByRole("button", { name: "Discard" }).click();
    await eventually.hasText(page.locator(".list-title"), "Inbox");
    await countIs(page, "Drafts", 0);
    noErrors(page);
  });
});
