import { h } from "./dom.js";
import { clientCell, dataTable } from "./table.js";

/** when shows a full date and time: the audit log is read to find out what happened when. */
const when = (iso) =>
  new Date(iso).toLocaleString([], {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });

/** auditTable renders rows of the audit log (mine or the whole instance's), newest first. */
export function auditTable(entries, { withActor = true } = {}) {
  if (!entries.length) return h("p", { class: "muted", role: "status" }, "No entries.");
  const columns = [
    { label: "Time", cell: (e) => h("time", { datetime: e.at }, when(e.at)) },
    withActor ? { label: "Actor", cell: (e) => e.actor || "—" } : null,
    { label: "Action", cell: (e) => h("code", {}, e.action) },
    { label: "Target", cell: (e) => e.target || "" },
    { label: "Result", cell: (e) => h("span", { class: `result result-${e.result}` }, e.result) },
    { label: "From", cell: (e) => clientCell(e.ip, e.userAgent) },
    { label: "Detail", cell: (e) => e.detail || "" },
  ].filter(Boolean);
  return dataTable(columns, entries, { class: "audit", attrs: (e) => ({ "data-audit": e.id }) });
}
