import { h } from "./dom.js";

/** SHORTCUTS are the keyboard shortcuts, as the help overlay lists them. */
export const SHORTCUTS = [
  ["j", "Next message"],
  ["k", "Previous message"],
  ["Enter", "Open the message under the cursor"],
  ["c", "Compose a new message"],
  ["r", "Reply"],
  ["a", "Reply all"],
  ["f", "Forward"],
  ["s", "Star or unstar"],
  ["#", "Delete (move to Trash; in Trash, delete for good)"],
  ["x", "Select or unselect the message under the cursor"],
  ["/", "Search"],
  ["?", "Show this help"],
  ["Esc", "Close this help, dialogs and menus"],
];

/** openHelp shows the keyboard shortcuts in a modal dialog (Escape or Close closes it). */
export function openHelp() {
  if (document.getElementById("help-overlay")) return;
  const close = h("button", { type: "button", class: "secondary" }, "Close");
  const dialog = h(
    "dialog",
    { id: "help-overlay", class: "dialog help", "aria-labelledby": "help-title" },
    h("h2", { id: "help-title" }, "Keyboard shortcuts"),
    h("p", { class: "muted" }, "Shortcuts work when you are not typing in a field."),
    h(
      "table",
      { class: "shortcuts" },
      h(
        "tbody",
        {},
        SHORTCUTS.map(([key, what]) => h("tr", {}, h("th", {}, h("kbd", {}, key)), h("td", {}, what))),
      ),
    ),
    h("div", { class: "row end" }, close),
  );
  const done = () => {
    dialog.close();
    dialog.remove();
  };
  close.addEventListener("click", done);
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}
