import { api } from "./api.js";
import { h, mount, toast } from "./dom.js";
import { renderAccount } from "./account.js";
import { renderCompose } from "./compose.js";
import { renderInbox } from "./inbox.js";
import { renderLogin } from "./login.js";
import { renderMessage } from "./message.js";

/** state is what every view needs: the server's auth mode and this browser's signed-in accounts. */
export const state = { config: null, accounts: [], active: null, events: null, listeners: new Set() };

export function me() {
  return state.accounts.find((a) => a.tokenId === state.active)?.user ?? null;
}

/** onMail registers a callback for my live events; views drop theirs when they are replaced. */
export function onMail(fn) {
  state.listeners.clear();
  state.listeners.add(fn);
}

export async function refreshAccounts() {
  const r = await api("/api/v1/ui/accounts");
  state.accounts = r.accounts;
  state.active = r.active;
  connectEvents();
  renderHeader();
}

/** connectEvents follows the active account's event stream (the cookie decides whose it is). */
function connectEvents() {
  state.events?.close();
  state.events = null;
  if (!state.active) return;
  const es = new EventSource("/api/v1/events");
  es.addEventListener("new", (e) => {
    const m = JSON.parse(e.data);
    toast(`New message: ${m.Subject || "(no subject)"}`);
    for (const fn of state.listeners) fn("new", m);
  });
  es.addEventListener("changed", (e) => {
    const c = JSON.parse(e.data);
    for (const fn of state.listeners) fn("changed", c);
  });
  es.addEventListener("stats", (e) => {
    const s = JSON.parse(e.data);
    document.title = s.unread ? `(${s.unread}) Sandpit` : "Sandpit";
  });
  state.events = es;
}

function renderHeader() {
  const top = document.getElementById("top");
  const user = me();
  top.hidden = !user;
  if (!user) return top.replaceChildren();
  const others = state.accounts.filter((a) => a.tokenId !== state.active);
  const menu = h(
    "details",
    { class: "menu" },
    h("summary", { "aria-label": "Account menu" }, user.email),
    h(
      "div",
      { class: "menu-items" },
      h("a", { href: "#/account" }, "Account"),
      others.length ? h("span", { class: "menu-label" }, "Switch account") : null,
      others.map((a) =>
        h("button", { type: "button", class: "link", "data-switch": a.user.email, onclick: () => switchTo(a.tokenId) }, a.user.email),
      ),
      h("a", { href: "#/login?add=1" }, "Add another account"),
      h("button", { type: "button", class: "link", id: "logout", onclick: logout }, "Log out"),
    ),
  );
  top.replaceChildren(
    h("a", { href: "#/inbox", class: "brand" }, "Sandpit"),
    h("nav", {}, h("a", { href: "#/inbox" }, "Inbox"), h("a", { href: "#/compose", class: "button" }, "Compose")),
    menu,
  );
}

async function switchTo(tokenId) {
  await api("/api/v1/ui/switch", { method: "POST", body: { tokenId } });
  await refreshAccounts();
  toast(`Switched to ${me()?.email}`);
  location.hash = "#/inbox";
  route();
}

async function logout() {
  const was = me()?.email;
  await api("/api/v1/ui/logout", { method: "POST" });
  await refreshAccounts();
  toast(`Logged out ${was}`);
  location.hash = me() ? "#/inbox" : "#/login";
  route();
}

/** route renders the view named by the URL hash: #/inbox, #/message/ID, #/compose, #/account, #/login. */
export async function route() {
  const [path, qs] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(qs ?? "");
  const parts = (path || "/inbox").split("/").filter(Boolean);
  document.querySelectorAll("details.menu").forEach((d) => (d.open = false));
  try {
    if (!me() || parts[0] === "login") return renderLogin(params);
    switch (parts[0]) {
      case "message":
        return await renderMessage(decodeURIComponent(parts[1] ?? ""));
      case "compose":
        return await renderCompose(params);
      case "account":
        return await renderAccount();
      default:
        return await renderInbox(params);
    }
  } catch (err) {
    if (err.status === 401) {
      await refreshAccounts();
      return renderLogin(params);
    }
    mount(
      h(
        "div",
        { class: "error-box", role: "alert" },
        h("h2", {}, "Something went wrong"),
        h("p", {}, err.message),
        h("p", {}, h("a", { href: "#/inbox" }, "Back to the inbox")),
      ),
    );
  }
}

async function start() {
  state.config = await api("/api/v1/ui/config");
  await refreshAccounts();
  window.addEventListener("hashchange", route);
  await route();
}

start().catch((err) =>
  mount(h("p", { class: "error-box", role: "alert" }, `Sandpit is not reachable: ${err.message}. Is the server running?`)),
);
