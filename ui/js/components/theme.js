const DARK = "(prefers-color-scheme: dark)";
const KEY = "sandpit.theme";
let chosen = "system";
let watching = false;

/**
 * applyTheme sets <html data-theme="light|dark"> from my preference (light, dark or system: the
 * operating system's choice, followed live). style.css keys its colour variables on it.
 */
export function applyTheme(theme = "system") {
  chosen = theme;
  const dark = theme === "dark" || (theme === "system" && window.matchMedia?.(DARK).matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  document.documentElement.dataset.themePreference = theme;
  try {
    // Remembered for the next start, which applies it before my preferences arrive (no flash).
    localStorage.setItem(KEY, theme);
  } catch {
    // Storage disabled: the preference still comes from the server.
  }
  if (!watching && window.matchMedia) {
    watching = true;
    window.matchMedia(DARK).addEventListener("change", () => applyTheme(chosen));
  }
}

/** rememberedTheme is the theme this browser last showed (before my preferences load). */
export function rememberedTheme() {
  try {
    return localStorage.getItem(KEY) ?? "system";
  } catch {
    return "system";
  }
}
