import { searchContacts } from "../api/contacts.js";
import { field, h } from "./dom.js";

let seq = 0;

/** lastToken is the address being typed: what follows the last comma or semicolon. */
const lastToken = (value) => value.split(/[,;]/).pop().trim();

/**
 * addressField is a labelled To/Cc/Bcc input (comma-separated addresses) with autocomplete from
 * my contacts: an ARIA combobox whose list opens as I type; ↑/↓ pick, Enter or Tab accepts,
 * Escape closes. Returns { el, input }.
 */
export function addressField(label, { name, value = "", hint, onChange }) {
  const listId = `ac-${++seq}`;
  const input = h("input", {
    type: "text",
    name,
    value,
    autocomplete: "off",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
  });
  const listbox = h("ul", { id: listId, role: "listbox", class: "autocomplete", "aria-label": `${label} suggestions`, hidden: true });
  let options = [];
  let active = -1;
  let querySeq = 0;
  let debounce = null;

  const close = () => {
    options = [];
    active = -1;
    listbox.hidden = true;
    listbox.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };
  const highlight = (i) => {
    active = i;
    [...listbox.children].forEach((li, n) => li.setAttribute("aria-selected", String(n === i)));
    if (i >= 0) input.setAttribute("aria-activedescendant", `${listId}-${i}`);
  };
  const accept = (contact) => {
    const parts = input.value
      .split(/[,;]/)
      .slice(0, -1)
      .map((p) => p.trim())
      .filter(Boolean);
    input.value = [...parts, contact.address].join(", ") + ", ";
    close();
    input.focus();
    onChange?.();
  };
  const show = (contacts) => {
    options = contacts;
    if (!contacts.length) return close();
    listbox.replaceChildren(
      ...contacts.map((c, i) =>
        h(
          "li",
          { role: "option", id: `${listId}-${i}`, "aria-selected": "false", onmousedown: (e) => (e.preventDefault(), accept(c)) },
          c.name ? `${c.name} <${c.address}>` : c.address,
        ),
      ),
    );
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(0);
  };
  const lookup = () => {
    const token = lastToken(input.value);
    clearTimeout(debounce);
    if (!token) return close();
    debounce = setTimeout(async () => {
      const mine = ++querySeq;
      const already = new Set(input.value.toLowerCase().split(/[,;\s<>]+/));
      const contacts = await searchContacts(token).catch(() => []);
      if (mine === querySeq && lastToken(input.value) === token) show(contacts.filter((c) => !already.has(c.address.toLowerCase())));
    }, 120);
  };

  input.addEventListener("input", lookup);
  input.addEventListener("blur", () => setTimeout(close, 100));
  input.addEventListener("keydown", (e) => {
    if (listbox.hidden) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const n = options.length;
      highlight((active + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
    } else if ((e.key === "Enter" || e.key === "Tab") && active >= 0) {
      e.preventDefault();
      accept(options[active]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  });
  const el = field(label, input, hint);
  el.classList.add("address-field");
  el.append(listbox);
  return { el, input };
}

/**
 * parseAddresses reads "a@x, Bob <b@y>; c@z" into [{Email, Name?}].
 * @example parseAddresses("Bob <b@y>, c@z") // [{Email: "b@y", Name: "Bob"}, {Email: "c@z"}]
 */
export function parseAddresses(text) {
  return text.split(/[,;]+/).flatMap((part) => {
    const p = part.trim();
    if (!p) return [];
    const m = p.match(/^(.*)<([^>]+)>$/);
    if (m) {
      const name = m[1].trim().replace(/^"|"$/g, "");
      return [{ Email: m[2].trim(), ...(name ? { Name: name } : {}) }];
    }
    return p.split(/\s+/).map((Email) => ({ Email }));
  });
}

/** formatAddresses writes [{Email, Name}] (or plain strings) back as the input's text. */
export function formatAddresses(list) {
  return (list ?? []).map((a) => (typeof a === "string" ? a : a.Name ? `${a.Name} <${a.Email}>` : a.Email)).join(", ");
}
