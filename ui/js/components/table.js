import { h } from "./dom.js";

/**
 * dataTable renders rows under headings: columns are [{label, cell: (row) => node|string}];
 * `attrs(row)` gives each <tr> its attributes (a data-* key the tests and actions find it by).
 * @example dataTable([{ label: "Email", cell: (u) => u.email }], users, { class: "users" })
 */
export function dataTable(columns, rows, { class: cls, attrs } = {}) {
  // A wide table scrolls inside its card instead of spilling out of it.
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: cls },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          columns.map((c) => h("th", { scope: "col" }, c.label)),
        ),
      ),
      h(
        "tbody",
        {},
        rows.map((r) =>
          h(
            "tr",
            attrs?.(r) ?? {},
            columns.map((c) => h("td", {}, c.cell(r))),
          ),
        ),
      ),
    ),
  );
}

/** pageNav says which rows are shown ("21–40 of 75") with Previous and Next buttons that call `go(start)`. */
export function pageNav({ start, limit, shown, total, go }) {
  const status = total ? `${start + 1}–${start + shown} of ${total}` : "none";
  return h(
    "div",
    { class: "row pager" },
    h("span", { class: "muted", role: "status" }, status),
    h(
      "button",
      { type: "button", class: "secondary small", disabled: start === 0, onclick: () => go(Math.max(0, start - limit)) },
      "← Previous",
    ),
    h("button", { type: "button", class: "secondary small", disabled: start + shown >= total, onclick: () => go(start + limit) }, "Next →"),
  );
}

/** copyBox shows a value to copy (a token, a link) in a read-only field with a Copy button. */
export function copyBox(value, { label, id, onCopied }) {
  const input = h("input", { type: "text", readonly: true, value, id, "aria-label": label, size: 60 });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      onCopied?.(true);
    } catch {
      input.select();
      onCopied?.(false);
    }
  };
  return h("div", { class: "row" }, input, h("button", { type: "button", onclick: copy }, "Copy"));
}

/** clientCell is where a call came from: the client address and a short user agent (the whole one on hover). */
export function clientCell(ip, agent) {
  const short = agent && agent.length > 32 ? `${agent.slice(0, 31)}…` : (agent ?? "");
  return h("span", { title: agent ?? "" }, [ip, short].filter(Boolean).join(" · "));
}
