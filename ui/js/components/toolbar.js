import { h } from "./dom.js";

/**
 * createToolbar builds the list's bulk actions: select all, read/unread, star, move to a folder
 * and delete. `sync(view)` updates it in place (enabled buttons, the folders to move to, whether
 * delete is for good) so focus survives live updates.
 */
export function createToolbar({ onSelectAll, onAction, onMove }) {
  const all = h("input", {
    type: "checkbox",
    class: "select-all",
    "aria-label": "Select all",
    onchange: (e) => onSelectAll(e.target.checked),
  });
  const button = (label, action, cls = "secondary small") =>
    h("button", { type: "button", class: cls, onclick: () => onAction(action) }, label);
  const read = button("Mark read", "read");
  const unread = button("Mark unread", "unread");
  const star = button("Star", "star");
  const unstar = button("Unstar", "unstar");
  const del = button("Delete", "delete", "danger small");
  const move = h("select", {
    "aria-label": "Move to folder",
    class: "move",
    onchange: (e) => {
      const to = e.target.value;
      e.target.value = "";
      if (to) onMove(to);
    },
  });
  const status = h("span", { class: "muted selection-status", role: "status" });
  const el = h(
    "div",
    { class: "toolbar", role: "toolbar", "aria-label": "Bulk actions" },
    all,
    read,
    unread,
    star,
    unstar,
    move,
    del,
    status,
  );

  /** sync: `selected` IDs count, `total` on the page, `folders` to move to, `trash` when delete is for good. */
  function sync({ selected, total, folders, current, trash }) {
    all.checked = total > 0 && selected === total;
    all.indeterminate = selected > 0 && selected < total;
    all.disabled = total === 0;
    for (const b of [read, unread, star, unstar, del, move]) b.disabled = selected === 0;
    del.textContent = trash ? "Delete for good" : "Delete";
    status.textContent = selected ? `${selected} selected` : "";
    const names = folders.map((f) => f.name).filter((n) => n !== current);
    const options = [h("option", { value: "" }, "Move to…"), ...names.map((n) => h("option", { value: n }, n))];
    if (move.options.length !== options.length || names.some((n, i) => move.options[i + 1]?.value !== n)) move.replaceChildren(...options);
  }
  return { el, sync };
}
