import { listAudit } from "../api/admin.js";
import { auditTable } from "./audit-table.js";
import { field, fill, h } from "./dom.js";
import { pageNav } from "./table.js";

const LIMIT = 25;

/** auditCard: the whole audit log, newest first, filtered by actor, action (a prefix with "admin.") and result. */
export function auditCard() {
  let q = { start: 0 };
  const list = h("div", { id: "audit-log" });
  const actor = h("input", { type: "text", name: "audit-actor", placeholder: "alice@example.test", autocomplete: "off" });
  const action = h("input", { type: "text", name: "audit-action", placeholder: "login, admin.", autocomplete: "off" });
  const result = h(
    "select",
    { name: "audit-result" },
    h("option", { value: "" }, "any"),
    ["ok", "failed", "denied", "limited"].map((r) => h("option", { value: r }, r)),
  );
  async function reload() {
    try {
      const r = await listAudit({ ...q, limit: LIMIT });
      fill(
        list,
        auditTable(r.entries),
        pageNav({
          start: q.start,
          limit: LIMIT,
          shown: r.entries.length,
          total: r.total,
          go: (start) => ((q = { ...q, start }), reload()),
        }),
      );
    } catch (err) {
      fill(list, h("p", { class: "form-error", role: "alert" }, err.message));
    }
  }
  const filter = (e) => {
    e.preventDefault();
    q = { actor: actor.value.trim() || undefined, action: action.value.trim() || undefined, result: result.value || undefined, start: 0 };
    void reload();
  };
  const el = h(
    "section",
    { class: "card" },
    h("h2", {}, "Audit log"),
    h(
      "form",
      { class: "row", onsubmit: filter, id: "audit-filters" },
      field("Actor", actor),
      field("Action", action, 'End with "." for a prefix.'),
      field("Result", result),
      h("button", { type: "submit", class: "secondary" }, "Filter"),
    ),
    list,
  );
  return { el, reload };
}
