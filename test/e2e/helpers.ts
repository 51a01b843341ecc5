import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { eventually } from "../support/browser.js";
import { useStack, type Stack } from "../support/stack.js";

/** Screenshots of the main screens are kept as test artifacts (git-ignored) to look at. */
const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A page that records the script errors it throws (every test checks there were none). */
export type UiPage = Page & { errors: string[] };

export interface Ui {
  stack: Stack;
  /** openAs opens a fresh browser profile (its own cookies) and registers or logs in. */
  openAs(
    email: string,
    opts?: { action?: "register" | "login"; viewport?: { width: number; height: number } } & BrowserContextOptions,
  ): Promise<UiPage>;
  /** newContext opens a fresh browser profile without signing in. */
  newContext(opts?: BrowserContextOptions): Promise<BrowserContext>;
}

/** watch records a page's uncaught errors. */
export function watch(page: Page): UiPage {
  const p = page as UiPage;
  p.errors = [];
  page.on("pageerror", (e) => p.errors.push(e.message));
  return p;
}

/**
 * useUi starts the file's own Mailpit and Sandpit (test/support/stack.ts) and one Chromium, and
 * closes them after the file's tests.
 */
export function useUi(env: Record<string, string> = {}): Ui {
  const stack = useStack(env);
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
  const newContext = async (opts: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...opts });
    contexts.push(context);
    // Fail on the step that waits, well before the test's own timeout.
    context.setDefaultTimeout(10_000);
    return context;
  };
  return {
    stack,
    newContext,
    async openAs(email, { action = "register", ...opts } = {}) {
      const context = await newContext(opts);
      const page = watch(await context.newPage());
      await page.goto(stack.app.url);
      await signIn(page, email, action);
      return page;
    },
  };
}

/** signIn fills the sign-in form and waits for the account menu to name the user. */
export async function signIn(page: Page, email: string, action: "register" | "login" = "register"): Promise<void> {
  await page.getByLabel("Email address").fill(email);
  await page.locator(`#${action}`).click();
  await page.locator(".menu summary", { hasText: email }).waitFor();
  // Signing in ends on the Inbox once my folders are loaded.
  await page.waitForFunction(() => location.hash.startsWith("#/folder/Inbox"));
}

/** openTab opens another tab of the same browser profile (same cookies) on the app. */
export async function openTab(page: Page): Promise<UiPage> {
  const tab = watch(await page.context().newPage());
  await tab.goto(page.url());
  await tab.locator(".menu summary").waitFor();
  return tab;
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });

/** row is a message in the list, found by its subject. */
export const row = (page: Page, subject: string) => page.locator("li.msg", { hasText: subject });

/** folder is a folder in the sidebar; count is its badge (unread mail, or drafts). */
export const folder = (page: Page, name: string) => page.locator(`#sidebar li[data-folder="${name}"]`);
export const folderCount = (page: Page, name: string) => folder(page, name).locator(".count");

/** countIs waits until a folder's badge shows n (0: no badge). */
export async function countIs(page: Page, name: string, n: number): Promise<void> {
  if (n === 0) await eventually.count(folderCount(page, name), 0);
  else await eventually.containsText(folderCount(page, name), String(n));
}

/** goTo follows a folder's link in the sidebar and waits for its list heading. */
export async function goTo(page: Page, name: string): Promise<void> {
  await folder(page, name).getByRole("link").click();
  await eventually.hasText(page.locator(".list-title"), name);
}

/** folderTotal asks the server (as the page's user) how many messages a folder holds. */
export async function folderTotal(page: Page, name: string): Promise<number> {
  const { folders } = await page.evaluate(async () => (await fetch("/api/v1/folders")).json());
  return folders.find((f: { name: string }) => f.name === name)?.total ?? -1;
}

/** noErrors checks that no page threw. */
export const noErrors = (...pages: UiPage[]) => expect(pages.flatMap((p) => p.errors)).toEqual([]);
