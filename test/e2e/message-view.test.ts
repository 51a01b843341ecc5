import { describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { eventually } from "../support/browser.js";
import { deliver } from "../support/mail.js";
import { PNG_1PX, uniq } from "../support/world.js";
import { noErrors, row, shot, useUi } from "./helpers.js";

const ui = useUi();

// Browser tests wait on real mail and rendering; under a full parallel run they need more than 30 s.
describe("web UI: reading mail", { timeout: 60_000 }, () => {
  it("shows new mail live and renders HTML in a sandbox without running its scripts", async () => {
    const alice = uniq("alice");
    const page = await ui.openAs(alice);
    await eventually.containsText(page.locator(".list .empty"), "Your inbox is empty");
    await eventually.containsText(page.locator(".reading-pane"), "No message open");
    await shot(page, "01-empty-inbox");

    await deliver(ui.stack.mp.smtpPort, {
      from: "Shop <shop@shop.test>",
      to: alice,
      subject: "Your order shipped",
      text: "Order shipped",
      html: '<h2>Shipped!</h2><p id="x">static</p><img id="logo" src="cid:logo@shop" width="10" height="10"><script>document.getElementById("x").textContent = "ran"; parent.document.body.dataset.pwned = "1";</script>',
      attachments: [{ filename: "logo.png", content: PNG_1PX, contentType: "image/png", cid: "logo@shop" }],
    });
    // No reload: the per-user event stream brings it in, unread.
    await row(page, "Your order shipped").waitFor({ timeout: 10_000 });
    await eventually.hasClass(row(page, "Your order shipped"), /unread/);
    await eventually.containsText(page.locator("#list-status"), "1 unread");
    await shot(page, "02-inbox-live");

    await page.getByRole("link", { name: /Your order shipped/ }).click();
    // The reading pane opens beside the list on a wide window.
    await eventually.hasText(page.locator("#message-subject"), "Your order shipped");
    expect(await row(page, "Your order shipped").isVisible()).toBe(true);
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
    await eventually.containsText(page.getByRole("list", { name: "Attachments" }), "logo.png");
    await shot(page, "03-message-view");

    // Reading it marked it read, in the list and in the counters.
    await eventually.hasClass(row(page, "Your order shipped"), /\bread\b/);
    await eventually.count(page.locator('#sidebar li[data-folder="Inbox"] .count'), 0);

    await page.getByRole("tab", { name: "Raw" }).click();
    await eventually.containsText(page.locator("pre.raw"), "Subject: Your order shipped");
    await page.getByRole("tab", { name: "Headers" }).click();
    await eventually.containsText(page.locator("table.headers"), "Shop <shop@shop.test>");
    // Mark unread from the message: back to the list, bold again, counted again.
    await page.getByRole("article").getByRole("button", { name: "Mark unread" }).click();
    await eventually.containsText(page.locator(".reading-pane"), "No message open");
    await eventually.hasClass(row(page, "Your order shipped"), /unread/);
    await eventually.containsText(page.locator('#sidebar li[data-folder="Inbox"] .count'), "1");
    await page.getByRole("link", { name: /Your order shipped/ }).click();
    await page.getByRole("link", { name: "← Inbox" }).click();
    await eventually.containsText(page.locator(".reading-pane"), "No message open");
    noErrors(page);
  });

  it("keeps users apart and Bcc private; reply all comes from the server's draft", async () => {
    const [alice, bob, carol] = [uniq("alice"), uniq("bob"), uniq("carol")];
    const bobPage = await ui.openAs(bob);
    const carolPage = await ui.openAs(carol);
    const alicePage = await ui.openAs(alice);
    await deliver(ui.stack.mp.smtpPort, { from: "app@x.test", to: alice, subject: "alice private", text: "secret" });
    await row(alicePage, "alice private").waitFor();

    await alicePage.getByRole("link", { name: "Compose" }).click();
    expect(await alicePage.getByLabel("From", { exact: true }).inputValue()).toBe(alice);
    await alicePage.getByLabel("To", { exact: true }).fill("not-an-address");
    await alicePage.getByLabel("Subject").fill("lunch?");
    await alicePage.getByRole("button", { name: "Send" }).click();
    await eventually.containsText(alicePage.locator(".form-error"), "invalid To address");
    await shot(alicePage, "04-compose-error");
    await alicePage.getByLabel("To", { exact: true }).fill(bob);
    await alicePage.getByLabel("Bcc", { exact: true }).fill(carol);
    await alicePage.getByLabel("Text", { exact: true }).fill("pizza at noon");
    await alicePage.getByRole("button", { name: "Send" }).click();
    // Sent mail is in my mailbox at once (in Sent), and as the sender I see the Bcc.
    await eventually.hasText(alicePage.locator("#bcc"), carol);
    await eventually.hasText(alicePage.locator(".list-title"), "Sent");
    await row(alicePage, "lunch?").waitFor();
    await shot(alicePage, "05-sent-with-bcc");

    await row(bobPage, "lunch?").waitFor({ timeout: 10_000 });
    expect(await bobPage.locator("ul.messages").textContent()).not.toContain("alice private");
    await bobPage.getByRole("link", { name: /lunch\?/ }).click();
    await eventually.containsText(bobPage.locator("dl.meta"), alice);
    expect(await bobPage.locator("dl.meta").textContent()).not.toContain(carol);
    await eventually.count(bobPage.locator("#bcc"), 0);
    await bobPage.getByRole("tab", { name: "Raw" }).click();
    await eventually.containsText(bobPage.locator("pre.raw"), "pizza at noon");
    expect(await bobPage.locator("pre.raw").textContent()).not.toContain(carol);
    await shot(bobPage, "06-bob-no-bcc");

    // Bob replies to all: the server's draft goes to alice, quotes her, and never names carol.
    await bobPage.getByRole("link", { name: "Reply all" }).click();
    await eventually.hasValue(bobPage.getByLabel("Subject"), "Re: lunch?");
    expect(await bobPage.getByLabel("To", { exact: true }).inputValue()).toBe(alice);
    expect(await bobPage.getByLabel("Cc", { exact: true }).inputValue()).not.toContain(carol);
    expect(await bobPage.getByLabel("Text", { exact: true }).inputValue()).toContain("> pizza at noon");
    await bobPage.getByRole("button", { name: "Send" }).click();
    await eventually.hasText(bobPage.locator("#message-subject"), "Re: lunch?");
    // Bob's original is now marked answered for him.
    await bobPage.locator('#sidebar li[data-folder="Inbox"] a').click();
    await eventually.count(row(bobPage, "lunch?").locator(".answered"), 1);

    await alicePage.locator('#sidebar li[data-folder="Inbox"] a').click();
    await row(alicePage, "Re: lunch?").waitFor({ timeout: 10_000 });

    await row(carolPage, "lunch?").waitFor({ timeout: 10_000 });
    expect(await carolPage.locator("ul.messages").textContent()).not.toContain("alice private");
    noErrors(alicePage, bobPage, carolPage);
  });
});
