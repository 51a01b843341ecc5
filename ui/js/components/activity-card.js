import { listActivity } from "../api/security.js";
import { auditTable } from "./audit-table.js";
import { fill, h } from "./dom.js";
import { pageNav } from "./table.js";

const LIMIT = 10;

/** activityCard: what I did and what was done to my account (sign-ins, tokens, admins' changes), newest first. */
export async function activityCard() {
  const list = h("div", { id: "my-activity" });
  let shown = 0;
  async function load(start) {
    shown = start;
    try {
      const r = await listActivity({ start, limit: LIMIT });
      fill(list, auditTable(r.entries), pageNav({ start, limit: LIMIT, shown: r.entries.length, total: r.total, go: load }));
    } catch (err) {
      fill(list, h("p", { class: "form-error", role: "alert" }, err.message));
    }
  }
  await load(0);
  const refresh = h("button", { type: "button", class: "secondary small", onclick: () => void load(shown) }, "Refresh");
  return h("section", { class: "card" }, h("div", { class: "row spread" }, h("h2", {}, "My activity"), refresh), list);
}
