import { auditCard } from "../components/admin-audit.js";
import { instanceCard } from "../components/admin-instance.js";
import { userPanel } from "../components/admin-user.js";
import { createUserCard, usersCard } from "../components/admin-users.js";
import { errorBox, fill, h } from "../components/dom.js";
import { getState } from "../store.js";

/** refusal is what a non-admin sees on #/admin (the server would refuse every call anyway). */
const refusal = () =>
  errorBox("Admins only", "The admin console is for admins of this Sandpit.", h("a", { href: "#/folder/Inbox" }, "Back to the Inbox"));

/**
 * adminView: the admin console. Users (search, page, create; Manage opens one user's panel), the
 * instance's numbers and the audit log. Every call is an admin's (403 ADMIN_ONLY otherwise).
 */
export async function adminView() {
  const { user: me, config } = getState();
  if (!me.isAdmin) return { el: h("div", { class: "admin", id: "admin-refused" }, refusal()), keys: {} };
  const passwordMode = config.authMode === "password";
  const panelSlot = h("div", {});
  let panel = null;
  const users = usersCard({ onOpen: (id) => open(id) });
  const instance = instanceCard();
  const audit = auditCard();
  const refreshAll = () => Promise.all([users.reload(), instance.reload(), audit.reload()]);
  function open(id) {
    panel = userPanel(id, {
      me,
      passwordMode,
      onChanged: refreshAll,
      onClose: () => {
        panel = null;
        fill(panelSlot);
      },
    });
    fill(panelSlot, panel.el);
    panel.el.scrollIntoView({ block: "nearest" });
  }
  const create = createUserCard({
    passwordMode,
    onCreated: async (u) => {
      await refreshAll();
      open(u.id);
    },
  });
  const el = h("div", { class: "admin" }, h("h1", {}, "Admin"), users.el, panelSlot, create, instance.el, audit.el);
  // Each card shows its own failure (403 for an admin without two-factor where it is required).
  await refreshAll();
  return { el, keys: {} };
}
