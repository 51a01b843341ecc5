import type { Locator } from "playwright-core";
import { waitFor } from "./app.js";

/**
 * Retrying checks on page elements (playwright-core has no assertion library): each waits until
 * the condition holds or fails with what it was waiting for.
 */
export const eventually = {
  containsText: (loc: Locator, text: string) => waitFor(async () => (await loc.textContent())?.includes(text), `"${text}" in ${loc}`),
  hasText: (loc: Locator, text: string) => waitFor(async () => (await loc.textContent())?.trim() === text, `text "${text}" in ${loc}`),
  hasClass: (loc: Locator, re: RegExp) => waitFor(async () => re.test((await loc.getAttribute("class")) ?? ""), `class ${re} on ${loc}`),
  count: (loc: Locator, n: number) => waitFor(async () => (await loc.count()) === n || undefined, `${n} of ${loc}`),
  hasAttribute: (loc: Locator, name: string, value: string) =>
    waitFor(async () => (await loc.getAttribute(name)) === value, `${name}="${value}" on ${loc}`),
  hasValue: (loc: Locator, value: string) => waitFor(async () => (await loc.inputValue()) === value, `value "${value}" in ${loc}`),
  isVisible: (loc: Locator) => waitFor(async () => loc.isVisible(), `${loc} to be visible`),
  isHidden: (loc: Locator) => waitFor(async () => !(await loc.isVisible()), `${loc} to be hidden`),
};
