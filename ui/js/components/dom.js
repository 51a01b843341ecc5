/**
 * h builds an element: h("a", { href: "#/", onclick }, "text", child). Strings become text nodes,
 * so email content can never turn into markup. There is no `style` attribute: the CSP forbids
 * inline styles, so looks come from classes in style.css.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "value" && (tag === "input" || tag === "textarea" || tag === "select")) el.value = String(v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** fill replaces an element's children, dropping empty ones. */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

/** formatDate: the time for today's mail, the date otherwise. */
export function formatDate(iso) {
  const d = new Date(iso);
  const today = new Date();
  return d.toDateString() === today.toDateString()
    ? d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
    : d.toLocaleDateString([], { year: "numeric", month: "short", day: "numeric" });
}

/** addressList renders Mailpit addresses ([{Name, Address}]) as "Name <address>, …". */
export function addressList(list) {
  return (list ?? []).map((a) => (a.Name ? `${a.Name} <${a.Address}>` : a.Address)).join(", ");
}

let fieldSeq = 0;
/** field is a labelled form control, with an optional hint tied to it for screen readers. */
export function field(label, control, hint) {
  const id = control.id || `f-${++fieldSeq}`;
  control.id = id;
  const hintEl = hint ? h("small", { class: "muted", id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hintEl);
}

/** emptyState says what is (not) there and what to do about it. */
export function emptyState(title, ...lines) {
  return h(
    "div",
    { class: "empty", role: "status" },
    h("p", { class: "empty-title" }, title),
    lines.map((l) => h("p", { class: "muted" }, l)),
  );
}

/** errorBox reports a failure with what to do next. */
export function errorBox(title, message, action) {
  return h("div", { class: "error-box", role: "alert" }, h("h2", {}, title), h("p", {}, message), action ? h("p", {}, action) : null);
}

/** isTyping tells whether a key event comes from a text field (shortcuts must not fire there). */
export function isTyping(target) {
  if (!(target instanceof Element)) return false;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
}
