import { describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { eventually } from "../support/browser.js";
import { deliver } from "../support/mail.js";
import { uniq } from "../support/world.js";
import { folderTotal, noErrors, row, shot, useUi } from "./helpers.js";

const ui = useUi();

// Browser tests wait on real mail and rendering; under a full parallel run they need more than 30 s.
describe("web UI: keyboard shortcuts", { timeout: 60_000 }, () => {
  it("moves with j/k, opens with Enter, stars with s, deletes with #, and shows the help with ?", async () => {
    const kim = uniq("kim");
    const page = await ui.openAs(kim);
    for (const subject of ["first mail", "second mail", "third mail"]) {
      await deliver(ui.stack.mp.smtpPort, { from: "app@x.test", to: kim, subject, text: `body of ${subject}` });
      await row(page, subject).waitFor({ timeout: 10_000 });
    }
    const cursor = page.locator("li.msg.cursor");

    // ? opens the help overlay; Escape closes it.
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    for (const key of ["j", "k", "c", "r", "a", "f", "s", "#", "/", "?"]) await help.getByText(key, { exact: true }).first().waitFor();
    await shot(page, "14-shortcuts-help");
    await page.keyboard.press("Escape");
    await eventually.count(help, 0);

    // Newest first: j goes down, k goes up.
    await page.keyboard.press("j");
    await eventually.containsText(cursor, "third mail");
    await page.keyboard.press("j");
    await eventually.containsText(cursor, "second mail");
    await page.keyboard.press("k");
    await eventually.containsText(cursor, "third mail");
    await page.keyboard.press("Enter");
    await eventually.hasText(page.locator("#message-subject"), "third mail");
    // With a message open, j opens the next one.
    await page.keyboard.press("j");
    await eventually.hasText(page.locator("#message-subject"), "second mail");

    // s stars the open message (in the list too); # moves it to Trash.
    await page.keyboard.press("s");
    await eventually.hasAttribute(page.getByRole("button", { name: "Star second mail" }), "aria-pressed", "true");
    await page.keyboard.press("#");
    await eventually.count(row(page, "second mail"), 0);
    await waitFor(async () => (await folderTotal(page, "Trash")) === 1, "one message in Trash");
    await eventually.containsText(page.locator(".reading-pane"), "No message open");

    // r replies to the message under the cursor (from the server's draft).
    await page.keyboard.press("j");
    await eventually.containsText(cursor, "third mail");
    await page.keyboard.press("r");
    await eventually.hasValue(page.getByLabel("Subject"), "Re: third mail");
    // Typing in a field never fires a shortcut.
    const text = page.getByLabel("Text", { exact: true });
    await text.press("Control+Home");
    await text.pressSequentially("jk#s?c");
    expect(await text.inputValue()).toContain("jk#s?c");
    expect(page.url()).toContain("#/compose");
    expect(await page.getByRole("dialog").count()).toBe(0);
    await page.getByRole("button", { name: "Discard" }).click();
    await eventually.hasText(page.locator(".list-title"), "Inbox");

    // f forwards, a replies to all, c composes, / searches. Back in the list, the cursor stayed put.
    await row(page, "third mail").waitFor();
    await eventually.containsText(cursor, "third mail");
    await page.keyboard.press("f");
    await eventually.hasValue(page.getByLabel("Subject"), "Fwd: third mail");
    await page.goBack();
    await eventually.hasText(page.locator(".list-title"), "Inbox");
    await page.keyboard.press("j");
    await eventually.containsText(cursor, "first mail");
    await page.keyboard.press("a");
    await eventually.hasValue(page.getByLabel("Subject"), "Re: first mail");
    await page.goBack();
    await eventually.hasText(page.locator(".list-title"), "Inbox");
    await page.keyboard.press("c");
    await eventually.containsText(page.locator("#compose-title"), "New message");
    await page.goBack();
    await eventually.hasText(page.locator(".list-title"), "Inbox");
    await page.keyboard.press("/");
    await eventually.isVisible(page.locator("#search-input:focus"));
    await page.keyboard.type("first");
    await page.keyboard.press("Enter");
    await eventually.hasText(page.locator(".list-title"), "Search: first");
    await row(page, "first mail").waitFor();
    await eventually.count(page.locator("li.msg"), 1);
    noErrors(page);
  });
});
