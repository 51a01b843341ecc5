import { describe, expect, it } from "vitest";
import { eventually } from "../support/browser.js";
import { deliver } from "../support/mail.js";
import { uniq } from "../support/world.js";
import { countIs, folder, noErrors, openTab, row, shot, useUi } from "./helpers.js";

const ui = useUi();

// Browser tests wait on real mail and rendering; under a full parallel run they need more than 30 s.
describe("web UI: live updates across tabs", { timeout: 60_000 }, () => {
  it("brings new mail, stars, reads, moves and new folders into every open tab without a reload", async () => {
    const lea = uniq("lea");
    const tab1 = await ui.openAs(lea);
    const tab2 = await openTab(tab1);
    await tab2.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

    await deliver(ui.stack.mp.smtpPort, { from: "news@x.test", to: lea, subject: "weekly digest", text: "x" });
    for (const tab of [tab1, tab2]) {
      await row(tab, "weekly digest").waitFor({ timeout: 10_000 });
      await countIs(tab, "Inbox", 1);
    }
    await eventually.hasText(tab2.locator("#list-status"), "1–1 of 1 · 1 unread");
    expect(await tab2.title()).toBe("(1) Sandpit");

    // A star in one tab shows in the other.
    await tab1.getByRole("button", { name: "Star weekly digest" }).click();
    await eventually.hasAttribute(tab2.getByRole("button", { name: "Star weekly digest" }), "aria-pressed", "true");

    // Reading it in one tab marks it read in the other, counters included.
    await tab1.getByRole("link", { name: /weekly digest/ }).click();
    await eventually.hasText(tab1.locator("#message-subject"), "weekly digest");
    await eventually.hasClass(row(tab2, "weekly digest"), /\bread\b/);
    await countIs(tab2, "Inbox", 0);

    // A folder created in one tab appears in the other; a move there follows.
    await tab1.getByRole("button", { name: "New folder" }).click();
    await tab1.getByRole("dialog", { name: "New folder" }).getByLabel("Folder name").fill("Reading");
    await tab1.getByRole("dialog", { name: "New folder" }).getByRole("button", { name: "Create" }).click();
    await folder(tab2, "Reading").waitFor();
    await tab1.getByLabel("Move this message to").selectOption("Reading");
    await eventually.count(row(tab2, "weekly digest"), 0);
    await eventually.containsText(tab2.locator(".list .empty"), "Your inbox is empty");
    await shot(tab2, "20-live-second-tab");

    // The second tab never reloaded.
    expect(await tab2.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
    noErrors(tab1, tab2);
  });

  it("signs out every tab of the browser when one logs out (the event stream ends with the session)", async () => {
    const ned = uniq("ned");
    const tab1 = await ui.openAs(ned);
    const tab2 = await openTab(tab1);
    await tab2.locator('#sidebar li[data-folder="Inbox"]').waitFor();
    await tab1.locator(".menu summary").click();
    await tab1.getByRole("button", { name: "Log out", exact: true }).click();
    await tab1.getByRole("heading", { name: "Sign in to Sandpit" }).waitFor();
    await tab2.getByRole("heading", { name: "Sign in to Sandpit" }).waitFor();
    expect(await tab2.getByRole("navigation", { name: "Folders" }).isVisible()).toBe(false);
    noErrors(tab1, tab2);
  });

  it("shows a desktop notification for new mail when I asked for them, only while the tab is in the background", async () => {
    const max = uniq("max");
    const page = await ui.openAs(max, { permissions: ["notifications"] });
    // Record the notifications the page creates (the browser's own would show outside the page).
    await page.evaluate(() => {
      const shown: { title: string; body?: string }[] = [];
      (window as unknown as { shown: typeof shown }).shown = shown;
      const Real = window.Notification;
      class Recorded extends Real {
        constructor(title: string, opts?: NotificationOptions) {
          super(title, opts);
          shown.push({ title, body: opts?.body });
        }
      }
      Object.defineProperty(window, "Notification", { value: Recorded });
    });
    await page.goto(`${ui.stack.app.url}/#/account`);
    await page.getByLabel("Desktop notifications for new mail").check();
    await eventually.containsText(page.locator("#toast"), "Desktop notifications on");
    expect((await page.evaluate(async () => (await fetch("/api/v1/auth/preferences")).json())).notifications).toBe(true);
    await page.locator('#sidebar li[data-folder="Inbox"] a').click();

    // In front, the page itself shows new mail: no desktop notification.
    await deliver(ui.stack.mp.smtpPort, { from: "Alerts <alerts@x.test>", to: max, subject: "build started", text: "x" });
    await row(page, "build started").waitFor({ timeout: 10_000 });
    // In the background (headless Chromium keeps every tab focused, so the test says it is not).
    await page.evaluate(() => Object.defineProperty(document, "hasFocus", { value: () => false }));
    await deliver(ui.stack.mp.smtpPort, { from: "Alerts <alerts@x.test>", to: max, subject: "build failed", text: "x" });
    await row(page, "build failed").waitFor({ timeout: 10_000 });
    const shown = await page.evaluate(() => (window as unknown as { shown: unknown[] }).shown);
    expect(shown).toEqual([{ title: "New mail from Alerts", body: "build failed" }]);
    noErrors(page);
  });
});
