import { logout, switchAccount } from "../actions/session.js";
import { navigate, searchHref } from "../router.js";
import { getState, subscribe } from "../store.js";
import { fill, h } from "./dom.js";
import { openHelp } from "./help-overlay.js";
import { toast } from "./toast.js";

export const SEARCH_HINT = 'Words, "phrases", from:, to:, subject:, in:Folder, is:unread, is:starred, has:attachment, before:2025-01-31 …';

/**
 * mountHeader renders the top bar into `el`: brand, the folders toggle (narrow windows), search,
 * the shortcuts help and the account menu (switch account, add one, log out). `onAccountChange`
 * runs after the active account changed.
 */
export function mountHeader(el, { onAccountChange, onToggleNav }) {
  const search = h("input", {
    type: "search",
    id: "search-input",
    name: "q",
    "aria-label": "Search mail",
    placeholder: "Search mail",
    title: SEARCH_HINT,
    autocomplete: "off",
  });
  const navToggle = h(
    "button",
    { type: "button", class: "nav-toggle secondary", "aria-controls": "sidebar", "aria-expanded": "false", onclick: onToggleNav },
    "Folders",
  );
  const form = h(
    "form",
    {
      class: "search",
      role: "search",
      onsubmit: (e) => {
        e.preventDefault();
        const q = search.value.trim();
        if (q) navigate(searchHref(q));
        search.blur();
      },
    },
    search,
    h("button", { type: "submit", class: "secondary" }, "Search"),
  );
  const menu = h("details", { class: "menu" });
  const render = () => {
    const s = getState();
    el.hidden = !s.user;
    if (!s.user) return;
    const others = s.accounts.filter((a) => a.tokenId !== s.active);
    fill(
      menu,
      h("summary", { "aria-label": "Account menu" }, s.user.email),
      h(
        "div",
        { class: "menu-items" },
        h("a", { href: "#/account" }, "Account"),
        s.user.isAdmin ? h("a", { href: "#/admin", id: "admin-link" }, "Admin") : null,
        others.length ? h("span", { class: "menu-label" }, "Switch account") : null,
        others.map((a) =>
          h(
            "button",
            { type: "button", class: "link", "data-switch": a.user.email, onclick: () => run(() => switchAccount(a.tokenId)) },
            a.user.email,
          ),
        ),
        h("a", { href: "#/login?add=1" }, "Add another account"),
        h("button", { type: "button", class: "link", id: "logout", onclick: () => run(logout, `Logged out ${s.user.email}`) }, "Log out"),
      ),
    );
  };
  const run = async (fn, done) => {
    menu.open = false;
    try {
      await fn();
      toast(done ?? `Switched to ${getState().user?.email}`);
      onAccountChange();
    } catch (err) {
      toast(err.message, "error");
    }
  };
  fill(
    el,
    navToggle,
    h("a", { href: "#/folder/Inbox", class: "brand" }, "Sandpit"),
    form,
    h("button", { type: "button", class: "secondary help-button", "aria-label": "Keyboard shortcuts", onclick: openHelp }, "?"),
    menu,
  );
  subscribe((s, keys) => {
    if (keys.some((k) => k === "user" || k === "accounts" || k === "active")) render();
    if (keys.includes("query") && document.activeElement !== search) search.value = s.query;
  });
  render();
  return {
    focusSearch: () => (search.focus(), search.select()),
    closeMenu: () => (menu.open = false),
    setNavOpen: (open) => navToggle.setAttribute("aria-expanded", String(open)),
  };
}
