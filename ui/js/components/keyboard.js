import { isTyping } from "./dom.js";
import { openHelp } from "./help-overlay.js";

/**
 * installKeyboard binds the global shortcuts. `globalKeys` are always on (c, /, ?); `viewKeys()`
 * returns the current view's own ({ j: fn, k: fn, … }). Nothing fires while typing in a field, with
 * a modifier held, or while a modal dialog is open (Escape is the dialog's own).
 */
export function installKeyboard({ globalKeys, viewKeys }) {
  document.addEventListener("keydown", (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "Escape") return globalKeys.Escape?.(e);
    if (isTyping(e.target) || document.querySelector("dialog[open]")) return;
    // Enter on a focused link or button is that control's own.
    if (e.key === "Enter" && e.target instanceof Element && e.target.closest("a, button, summary")) return;
    if (e.key === "?") {
      e.preventDefault();
      return openHelp();
    }
    const fn = viewKeys()?.[e.key] ?? globalKeys[e.key];
    if (!fn) return;
    e.preventDefault();
    fn(e);
  });
}
