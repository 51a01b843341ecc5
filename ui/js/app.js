import { followMailbox } from "./actions/live.js";
import { loadFolders, loadList } from "./actions/mailbox.js";
import { loadConfig, refreshAccounts } from "./actions/session.js";
import { errorBox, fill, h } from "./components/dom.js";
import { mountHeader } from "./components/header.js";
import { installKeyboard } from "./components/keyboard.js";
import { mountSidebar } from "./components/sidebar.js";
import { applyTheme, rememberedTheme } from "./components/theme.js";
import { toast } from "./components/toast.js";
import { parseHash, startRouter } from "./router.js";
import { getState, subscribe } from "./store.js";
import { accountView } from "./views/account.js";
import { adminView } from "./views/admin.js";
import { composeView } from "./views/compose.js";
import { forgotView } from "./views/forgot.js";
import { loginView } from "./views/login.js";
import { mailboxView } from "./views/mailbox.js";
import { resetView } from "./views/reset.js";

/**
 * The composition root: it wires the store, the router, the shell (header, sidebar) and the views.
 * Nothing imports this module; views get what they need as arguments, never from here.
 */

const main = document.getElementById("main");
const shell = document.getElementById("shell");
const sidebarEl = document.getElementById("sidebar");
let current = null;
let renderSeq = 0;

/** show replaces the view in the main area and moves focus there for keyboard users. */
function show(view, name) {
  current?.destroy?.();
  current = { ...view, name };
  fill(main, view.el);
  if (view.focus) view.focus();
  else main.focus({ preventScroll: true });
}

const signedInViews = {
  compose: (route) => composeView(route),
  account: (route) => accountView(route, { onSignedOut: afterAccountChange }),
  admin: (route) => adminView(route),
};
/** Pages for someone who cannot sign in: ask for a reset link, and set a password with one. */
const signedOutViews = { forgot: forgotView, reset: resetView };
const outside = (route) => route.name === "login" || route.name in signedOutViews;

/** render shows the view a route names; the mailbox view follows its own route changes in place. */
async function render(route) {
  const seq = ++renderSeq;
  header.closeMenu();
  setNavOpen(false);
  const s = getState();
  const signedIn = Boolean(s.user);
  sidebarEl.hidden = !signedIn || outside(route);
  shell.classList.toggle("signed-out", sidebarEl.hidden);
  try {
    if (route.name in signedOutViews) return show(signedOutViews[route.name](route), route.name);
    if (!signedIn || route.name === "login") return show(loginView(route, { onSignedIn: afterAccountChange }), "login");
    if (route.name === "mailbox") {
      if (current?.name !== "mailbox") show(mailboxView(), "mailbox");
      return await current.update(route);
    }
    if (current?.name !== route.name) fill(main, h("p", { class: "muted loading", role: "status" }, "Loading…"));
    const view = await signedInViews[route.name](route);
    if (seq === renderSeq) show(view, route.name);
    else view.destroy?.();
  } catch (err) {
    if (seq !== renderSeq) return;
    if (err.status === 401) {
      await refreshAccounts();
      return render(parseHash("#/login"));
    }
    show({ el: errorBox("Something went wrong", err.message, h("a", { href: "#/folder/Inbox" }, "Back to the Inbox")) }, "error");
  }
}

/** announce shows a toast for new mail from someone else (my own sent mail is no news). */
function announce(m) {
  const mine = getState().addresses.map((a) => a.toLowerCase());
  if (!mine.includes(m.From?.Address?.toLowerCase())) toast(`New message: ${m.Subject || "(no subject)"}`);
}

/**
 * recheckAccount asks which account this browser's cookie names now: another tab may have
 * switched accounts or signed this one out. Answers whether it changed (the view then follows).
 */
async function recheckAccount() {
  const before = getState().active;
  await refreshAccounts();
  if (getState().active === before) return false;
  await afterAccountChange();
  return true;
}

/** streamLost: the event stream ended for good; unless my session ended, Sandpit was away: try again. */
async function streamLost() {
  const changed = await recheckAccount().catch(() => false);
  if (!changed) setTimeout(() => followMailbox({ ...live, force: true }), 5000);
}
const live = { onNewMail: announce, onLost: () => void streamLost(), onReconnect: () => void recheckAccount().catch(() => undefined) };

/**
 * afterAccountChange follows the now active account (or the sign-in page when none is left).
 * `from` is where the change began (sign-in passes the page it started on).
 */
async function afterAccountChange(from = location.hash) {
  current?.destroy?.();
  current = null;
  followMailbox(live);
  if (getState().user) await loadFolders().catch((err) => toast(err.message, "error"));
  // Someone who went elsewhere while the folders loaded (a link, the address bar) stays there.
  if (getState().user && location.hash !== from && parseHash(location.hash).name !== "login") return;
  const hash = getState().user ? "#/folder/Inbox" : "#/login";
  if (location.hash === hash) await render(parseHash(hash));
  else location.hash = hash;
}

function setNavOpen(open) {
  shell.classList.toggle("nav-open", open);
  header.setNavOpen(open);
}

const header = mountHeader(document.getElementById("top"), {
  onAccountChange: afterAccountChange,
  onToggleNav: () => setNavOpen(!shell.classList.contains("nav-open")),
});
mountSidebar(sidebarEl, { onNavigate: () => setNavOpen(false) });
installKeyboard({
  globalKeys: {
    c: () => (location.hash = "#/compose"),
    "/": () => header.focusSearch(),
    Escape: () => {
      header.closeMenu();
      setNavOpen(false);
    },
  },
  viewKeys: () => current?.keys,
});

subscribe((s, keys) => {
  if (keys.includes("preferences")) applyTheme(s.preferences.theme);
  if (keys.includes("stats")) document.title = s.stats?.unread ? `(${s.stats.unread}) Sandpit` : "Sandpit";
});
let pageSize = getState().preferences.pageSize;
subscribe((s) => {
  if (s.preferences.pageSize === pageSize) return;
  pageSize = s.preferences.pageSize;
  if (current?.name === "mailbox") void loadList();
});

async function start() {
  applyTheme(rememberedTheme());
  await loadConfig();
  await refreshAccounts();
  followMailbox(live);
  if (getState().user) await loadFolders();
  startRouter((route) => void render(route));
}

start().catch((err) =>
  fill(main, errorBox("Sandpit is not reachable", `${err.message}.`, "Check that the server is running, then reload this page.")),
);
