import { describe, expect, it } from "vitest";
import { eventually } from "../support/browser.js";
import { deliver } from "../support/mail.js";
import { uniq } from "../support/world.js";
import { noErrors, row, shot, useUi } from "./helpers.js";

const ui = useUi();

/** overflow is how far the page scrolls sideways (0: nothing sticks out). */
const overflow = (page: import("playwright-core").Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

// Browser tests wait on real mail and rendering; under a full parallel run they need more than 30 s.
describe("web UI: layout and theme", { timeout: 60_000 }, () => {
  it("shows one pane at a time on a narrow window, with the folders behind a button", async () => {
    const hal = uniq("hal");
    const page = await ui.openAs(hal, { viewport: { width: 380, height: 740 } });
    await deliver(ui.stack.mp.smtpPort, { from: "app@x.test", to: hal, subject: "small screen", text: "tiny" });
    await row(page, "small screen").waitFor({ timeout: 10_000 });
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    // No reading pane beside the list, and the sidebar is folded away.
    expect(await page.locator(".reading-pane").isVisible()).toBe(false);
    expect(await page.getByRole("navigation", { name: "Folders" }).isVisible()).toBe(false);
    await shot(page, "15-narrow-list");

    const toggle = page.getByRole("button", { name: "Folders" });
    await toggle.click();
    await eventually.hasAttribute(toggle, "aria-expanded", "true");
    await eventually.isVisible(page.getByRole("navigation", { name: "Folders" }));
    await shot(page, "16-narrow-folders");
    await page.locator('#sidebar li[data-folder="Sent"] a').click();
    await eventually.hasText(page.locator(".list-title"), "Sent");
    await eventually.isHidden(page.getByRole("navigation", { name: "Folders" }));
    await page.goBack();
    await row(page, "small screen").waitFor();

    // Opening a message replaces the list; Back brings the list again.
    await page.getByRole("link", { name: /small screen/ }).click();
    await eventually.hasText(page.locator("#message-subject"), "small screen");
    await eventually.isHidden(page.locator(".list-pane"));
    expect(await overflow(page)).toBeLessThanOrEqual(1);
    await shot(page, "17-narrow-message");
    await page.getByRole("link", { name: "← Inbox" }).click();
    await eventually.isVisible(row(page, "small screen"));
    expect(await page.locator(".reading-pane").isVisible()).toBe(false);
    noErrors(page);
  });

  it("shows the list and the reading pane side by side from 900px", async () => {
    const ida = uniq("ida");
    const page = await ui.openAs(ida, { viewport: { width: 900, height: 700 } });
    await deliver(ui.stack.mp.smtpPort, { from: "app@x.test", to: ida, subject: "wide enough", text: "x" });
    await page.getByRole("link", { name: /wide enough/ }).click();
    await eventually.hasText(page.locator("#message-subject"), "wide enough");
    const list = (await page.locator(".list-pane").boundingBox())!;
    const pane = (await page.locator(".reading-pane").boundingBox())!;
    expect(pane.x).toBeGreaterThanOrEqual(list.x + list.width);
    expect(await page.getByRole("navigation", { name: "Folders" }).isVisible()).toBe(true);
    expect(await overflow(page)).toBeLessThanOrEqual(1);
  });

  it("follows my theme preference (kept by the server) and my page size", async () => {
    const jon = uniq("jon");
    // The system asks for dark: "Same as the system" (the default) is dark.
    const page = await ui.openAs(jon, { colorScheme: "dark" });
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
    await page.goto(`${ui.stack.app.url}/#/account`);
    const select = page.getByLabel("Theme");
    expect(await select.inputValue()).toBe("system");
    await select.selectOption("light");
    await page.waitForFunction(() => document.documentElement.dataset.theme === "light");
    expect(await background()).toBe("rgb(246, 247, 249)");
    await select.selectOption("dark");
    await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
    expect(await background()).toBe("rgb(18, 21, 27)");
    await eventually.containsText(page.locator("#toast"), "Theme: dark");
    await shot(page, "18-dark-account");

    // The preference is the server's: another browser of mine (light system) opens dark.
    const other = await ui.openAs(jon, { action: "login", colorScheme: "light" });
    await other.waitForFunction(() => document.documentElement.dataset.theme === "dark");
    const prefs = await other.evaluate(async () => (await fetch("/api/v1/auth/preferences")).json());
    expect(prefs.theme).toBe("dark");

    // Page size: 10 per page, with Older / Newer.
    await page.getByLabel("Messages per page").fill("10");
    await page.getByLabel("Messages per page").press("Enter");
    await page.getByLabel("Messages per page").blur();
    await eventually.containsText(page.locator("#toast"), "10 messages per page");
    for (let i = 1; i <= 12; i++) await deliver(ui.stack.mp.smtpPort, { from: "app@x.test", to: jon, subject: `bulk ${i}`, text: "x" });
    await page.locator('#sidebar li[data-folder="Inbox"] a').click();
    await eventually.containsText(page.locator("#list-status"), "of 12");
    await eventually.count(page.locator("li.msg"), 10);
    await shot(page, "19-dark-inbox");
    await page.getByRole("button", { name: "Older →" }).click();
    await eventually.count(page.locator("li.msg"), 2);
    await eventually.containsText(page.locator("#list-status"), "11–12 of 12");
    expect(await theme()).toBe("dark");
    noErrors(page, other);
  });
});
