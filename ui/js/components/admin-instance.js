import { getInstance } from "../api/admin.js";
import { fill, formatDate, h } from "./dom.js";

/** size shows a byte count the way people read it. */
function size(bytes) {
  if (typeof bytes !== "number") return "unknown";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

const shown = (v) => (v === null || v === undefined ? "unknown" : String(v));

/** instanceCard: Mailpit's health and version, messages, accounts, index lag, the store. Returns { el, reload }. */
export function instanceCard() {
  const body = h("div", {});
  async function reload() {
    try {
      const i = await getInstance();
      const rows = [
        [
          "Mailpit",
          h("span", { class: i.mailpit.ok ? "ok" : "form-error", id: "mailpit-health" }, i.mailpit.ok ? "healthy" : "not reachable"),
        ],
        ["Mailpit version", shown(i.mailpit.version)],
        ["Messages in Mailpit", shown(i.mailpit.messages)],
        ["Indexed messages", shown(i.messages)],
        ["Index lag", i.index?.lag === null || i.index?.lag === undefined ? "unknown" : `${i.index.lag} messages`],
        ["Last reconcile", i.index?.lastReconcile ? formatDate(i.index.lastReconcile) : "not yet"],
        ["Users", shown(i.users)],
        ["Disabled users", shown(i.disabled)],
        ["Throwaway inboxes", shown(i.inboxes)],
        ["Sessions", shown(i.sessions)],
        ["API tokens", shown(i.apiTokens)],
        ["Store", `${shown(i.store?.kind)} · ${size(i.store?.bytes)}`],
      ];
      fill(
        body,
        h(
          "dl",
          { class: "facts", id: "instance-facts" },
          rows.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
        ),
      );
    } catch (err) {
      fill(body, h("p", { class: "form-error", role: "alert" }, err.message));
    }
  }
  const el = h(
    "section",
    { class: "card" },
    h(
      "div",
      { class: "row spread" },
      h("h2", {}, "Instance"),
      h("button", { type: "button", class: "secondary small", onclick: () => void reload() }, "Refresh"),
    ),
    body,
  );
  return { el, reload };
}
