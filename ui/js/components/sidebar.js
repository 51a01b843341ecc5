import { loadFolders } from "../actions/mailbox.js";
import { createFolder, deleteFolder, renameFolder } from "../api/folders.js";
import { folderHref, navigate, searchHref } from "../router.js";
import { getState, subscribe } from "../store.js";
import { askText, confirmAction } from "./dialog.js";
import { fill, h } from "./dom.js";
import { toast } from "./toast.js";

/** Starred is a search, not a folder: a starred message stays in its folder. */
const STARRED = "is:starred";
const NAME_HINT = 'Use "/" to nest folders, e.g. Projects/Alpha.';

/** count is a folder's badge: unread mail, or the number of drafts (which are never unread). */
function count(f) {
  const n = f.role === "drafts" ? f.total : f.unread;
  if (!n) return null;
  return h("span", { class: "count" }, String(n), h("span", { class: "sr" }, f.role === "drafts" ? " drafts" : " unread"));
}

/** folderLink is one folder in the list; the current one is marked for screen readers too. */
function folderLink(f, current) {
  const depth = f.role ? 0 : f.name.split("/").length - 1;
  const label = f.role ? f.name : f.name.split("/").pop();
  return h(
    "a",
    { href: folderHref(f.name), class: `folder depth-${Math.min(depth, 4)}`, title: f.name, "aria-current": current ? "page" : false },
    h("span", { class: "name" }, label),
    count(f),
  );
}

async function create() {
  await askText({
    title: "New folder",
    label: "Folder name",
    confirm: "Create",
    hint: NAME_HINT,
    run: async (name) => {
      const f = await createFolder(name);
      await loadFolders();
      toast(`Created ${f.name}`);
    },
  });
}

async function rename(f) {
  await askText({
    title: `Rename ${f.name}`,
    label: "New name",
    value: f.name,
    confirm: "Rename",
    hint: NAME_HINT,
    run: async (name) => {
      const renamed = await renameFolder(f.name, name);
      await loadFolders();
      if (getState().folder === f.name) navigate(folderHref(renamed.name));
      toast(`Renamed ${f.name} to ${renamed.name}`);
    },
  });
}

async function remove(f) {
  await confirmAction({
    title: `Delete ${f.name}?`,
    message: "Only an empty folder without folders under it can be deleted: move or delete its messages first.",
    confirm: "Delete folder",
    run: async () => {
      await deleteFolder(f.name);
      await loadFolders();
      if (getState().folder === f.name) navigate(folderHref("Inbox"));
      toast(`Deleted ${f.name}`);
    },
  });
}

/**
 * mountSidebar renders the Compose button, the system folders with their counters and "My
 * folders" (create, rename, delete) into `el`, and follows the store. `onNavigate` runs when a
 * folder link is followed (the narrow layout closes the panel).
 */
export function mountSidebar(el, { onNavigate }) {
  const render = () => {
    const s = getState();
    const current = (name) => !s.query && s.folder?.toLowerCase() === name.toLowerCase();
    const system = s.folders.filter((f) => f.role);
    const mine = s.folders.filter((f) => !f.role);
    fill(
      el,
      h("a", { href: "#/compose", class: "button compose-button" }, "Compose"),
      h(
        "ul",
        { class: "folders", "aria-label": "System folders" },
        system.map((f) => h("li", { "data-folder": f.name }, folderLink(f, current(f.name)))),
        h(
          "li",
          { class: "starred" },
          h(
            "a",
            { href: searchHref(STARRED), class: "folder", "aria-current": s.query === STARRED ? "page" : false },
            h("span", { class: "name" }, "Starred"),
          ),
        ),
      ),
      h(
        "div",
        { class: "folders-head" },
        h("h2", {}, "My folders"),
        h("button", { type: "button", class: "small secondary", onclick: create }, "New folder"),
      ),
      mine.length
        ? h(
            "ul",
            { class: "folders", "aria-label": "My folders" },
            mine.map((f) =>
              h(
                "li",
                { "data-folder": f.name },
                folderLink(f, current(f.name)),
                h(
                  "span",
                  { class: "folder-tools" },
                  h(
                    "button",
                    { type: "button", class: "icon-button", "aria-label": `Rename folder ${f.name}`, onclick: () => rename(f) },
                    "✎",
                  ),
                  h(
                    "button",
                    { type: "button", class: "icon-button", "aria-label": `Delete folder ${f.name}`, onclick: () => remove(f) },
                    "✕",
                  ),
                ),
              ),
            ),
          )
        : h("p", { class: "muted small" }, "No folders yet: create one to file mail away."),
    );
  };
  el.addEventListener("click", (e) => {
    if (e.target instanceof Element && e.target.closest("a")) onNavigate?.();
  });
  subscribe((_s, keys) => {
    if (keys.some((k) => k === "folders" || k === "folder" || k === "query")) render();
  });
  render();
}
