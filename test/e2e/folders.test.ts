import { describe, expect, it } from "vitest";
import { eventually } from "../support/browser.js";
import { deliver } from "../support/mail.js";
import { uniq } from "../support/world.js";
import { countIs, folder, goTo, noErrors, row, shot, useUi } from "./helpers.js";

const ui = useUi();

// Browser tests wait on real mail and rendering; under a full parallel run they need more than 30 s.
describe("web UI: folders, stars and bulk actions", { timeout: 60_000 }, () => {
  it("lists the system folders with unread counts; creates, renames and deletes a folder of mine and moves mail into it", async () => {
    const ada = uniq("ada");
    const page = await ui.openAs(ada);
    const sidebar = page.getByRole("navigation", { name: "Folders" });
    for (const name of ["Inbox", "Drafts", "Sent", "Archive", "Junk", "Trash"]) await folder(page, name).waitFor();
    await eventually.containsText(sidebar, "No folders yet");

    for (const subject of ["quarterly report", "lunch menu"])
      await deliver(ui.stack.mp.smtpPort, { from: "boss@corp.test", to: ada, subject, text: "x" });
    await row(page, "lunch menu").waitFor({ timeout: 10_000 });
    await countIs(page, "Inbox", 2);

    // Create "Projects": it appears under My folders.
    await sidebar.getByRole("button", { name: "New folder" }).click();
    const dialog = page.getByRole("dialog", { name: "New folder" });
    await dialog.getByLabel("Folder name").fill("Projects");
    await dialog.getByRole("button", { name: "Create" }).click();
    await folder(page, "Projects").waitFor();
    await eventually.count(dialog, 0);
    // The same name again is refused with the server's reason, in the dialog.
    await sidebar.getByRole("button", { name: "New folder" }).click();
    await page.getByRole("dialog", { name: "New folder" }).getByLabel("Folder name").fill("projects");
    await page.getByRole("dialog", { name: "New folder" }).getByRole("button", { name: "Create" }).click();
    await eventually.containsText(page.getByRole("dialog", { name: "New folder" }).getByRole("alert"), "already have a folder");
    await page.getByRole("dialog", { name: "New folder" }).getByRole("button", { name: "Cancel" }).click();

    // Move one message into it with the bulk "Move to folder".
    await page.getByRole("checkbox", { name: "Select quarterly report" }).check();
    await page.getByRole("toolbar", { name: "Bulk actions" }).getByLabel("Move to folder").selectOption("Projects");
    await eventually.count(row(page, "quarterly report"), 0);
    await countIs(page, "Inbox", 1);
    await countIs(page, "Projects", 1);
    await shot(page, "11-folders");

    await goTo(page, "Projects");
    await row(page, "quarterly report").waitFor();
    expect(await row(page, "lunch menu").count()).toBe(0);

    // A folder with mail in it cannot be deleted: the dialog says why and stays open.
    await sidebar.getByRole("button", { name: "Delete folder Projects" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete Projects?" });
    await confirm.getByRole("button", { name: "Delete folder" }).click();
    await eventually.containsText(confirm.getByRole("alert"), "not empty");
    await confirm.getByRole("button", { name: "Cancel" }).click();

    // Rename it into a nested name: the list follows the new name.
    await sidebar.getByRole("button", { name: "Rename folder Projects" }).click();
    const rename = page.getByRole("dialog", { name: "Rename Projects" });
    await rename.getByLabel("New name").fill("Work/Reports");
    await rename.getByRole("button", { name: "Rename" }).click();
    await folder(page, "Work/Reports").waitFor();
    await eventually.hasText(page.locator(".list-title"), "Work/Reports");
    expect(page.url()).toContain("#/folder/Work%2FReports");
    await row(page, "quarterly report").waitFor();
    await countIs(page, "Work/Reports", 1);

    // Move it back to the Inbox from the reading pane, then delete the now empty folder.
    await page.getByRole("link", { name: /quarterly report/ }).click();
    await eventually.hasText(page.locator(".folder-name"), "Work/Reports");
    await page.getByLabel("Move this message to").selectOption("Inbox");
    await eventually.count(row(page, "quarterly report"), 0);
    await sidebar.getByRole("button", { name: "Delete folder Work/Reports" }).click();
    await page.getByRole("dialog", { name: "Delete Work/Reports?" }).getByRole("button", { name: "Delete folder" }).click();
    await eventually.count(folder(page, "Work/Reports"), 0);
    await eventually.hasText(page.locator(".list-title"), "Inbox");
    await row(page, "quarterly report").waitFor();
    await countIs(page, "Inbox", 1);

    // A folder that does not exist (an old link) says so and leads back.
    await page.goto(`${ui.stack.app.url}/#/folder/Nope`);
    await eventually.containsText(page.getByRole("alert"), "You have no folder named Nope");
    await page.getByRole("link", { name: "Go to the Inbox" }).click();
    await row(page, "lunch menu").waitFor();
    noErrors(page);
  });

  it("stars, marks read and unread in bulk, and deletes to Trash, then for good from Trash", async () => {
    const bea = uniq("bea");
    const page = await ui.openAs(bea);
    for (const subject of ["alpha note", "beta note", "gamma note"])
      await deliver(ui.stack.mp.smtpPort, { from: "app@x.test", to: bea, subject, text: subject });
    await row(page, "gamma note").waitFor({ timeout: 10_000 });
    await countIs(page, "Inbox", 3);

    // Star from the list: the toggle is pressed, and is:starred finds exactly that one.
    const star = page.getByRole("button", { name: "Star beta note" });
    await star.click();
    await eventually.hasAttribute(star, "aria-pressed", "true");
    await page.getByRole("searchbox", { name: "Search mail" }).fill("is:starred");
    await page.getByRole("searchbox", { name: "Search mail" }).press("Enter");
    await eventually.hasText(page.locator(".list-title"), "Search: is:starred");
    await row(page, "beta note").waitFor();
    await eventually.count(page.locator("li.msg"), 1);
    // Search results name each message's folder.
    await eventually.containsText(row(page, "beta note").locator(".badge"), "Inbox");
    // A search the server cannot parse says so and how to fix it.
    await page.getByRole("searchbox", { name: "Search mail" }).fill("before:yesterday");
    await page.getByRole("searchbox", { name: "Search mail" }).press("Enter");
    await eventually.containsText(page.getByRole("alert"), "This search is not valid");
    // The sidebar's Starred is the same search.
    await goTo(page, "Inbox");
    await page.getByRole("link", { name: "Starred" }).click();
    await eventually.hasText(page.locator(".list-title"), "Search: is:starred");
    await eventually.count(page.locator("li.msg"), 1);
    await goTo(page, "Inbox");

    // Select all → Mark read; then Mark unread: the Inbox badge follows.
    await page.getByRole("checkbox", { name: "Select all" }).check();
    await eventually.hasText(page.locator(".selection-status"), "3 selected");
    await page.getByRole("button", { name: "Mark read" }).click();
    await countIs(page, "Inbox", 0);
    await eventually.count(page.locator("li.msg.unread"), 0);
    await page.getByRole("checkbox", { name: "Select all" }).check();
    await page.getByRole("button", { name: "Mark unread" }).click();
    await countIs(page, "Inbox", 3);
    await page.getByRole("checkbox", { name: "Select all" }).check();
    await page.getByRole("button", { name: "Star", exact: true }).click();
    await eventually.count(page.locator('button.star[aria-pressed="true"]'), 3);

    // Delete outside Trash moves to Trash.
    await page.getByRole("checkbox", { name: "Select alpha note" }).check();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await eventually.count(row(page, "alpha note"), 0);
    await countIs(page, "Trash", 1);
    await goTo(page, "Trash");
    await row(page, "alpha note").waitFor();
    // In Trash, delete is for good: the message leaves my mailbox.
    await page.getByRole("checkbox", { name: "Select alpha note" }).check();
    await page.getByRole("button", { name: "Delete for good" }).click();
    await eventually.containsText(page.locator(".list .empty"), "Trash is empty");
    const left = await page.evaluate(async () => (await (await fetch("/api/v1/search?query=alpha")).json()).messages_count);
    expect(left).toBe(0);
    noErrors(page);
  });
});
