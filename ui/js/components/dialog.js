import { field, h } from "./dom.js";

let seq = 0;

/**
 * openDialog shows a modal <dialog> with a heading, a body and two buttons. `run()` does the work:
 * if it throws, its message is shown in the dialog, which stays open; Escape or Cancel closes it.
 * Resolves true when `run` succeeded, false when cancelled.
 */
function openDialog({ title, body, confirm, danger = false, run, focus }) {
  const id = `dlg-${++seq}`;
  const error = h("p", { class: "form-error", role: "alert" });
  const ok = h("button", { type: "submit", class: danger ? "danger" : "" }, confirm);
  const cancel = h("button", { type: "button", class: "secondary" }, "Cancel");
  const form = h("form", { method: "dialog" }, h("h2", { id }, title), body, error, h("div", { class: "row end" }, cancel, ok));
  const dialog = h("dialog", { class: "dialog", "aria-labelledby": id }, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    cancel.addEventListener("click", () => finish(false));
    dialog.addEventListener("cancel", (e) => (e.preventDefault(), finish(false)));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      error.textContent = "";
      ok.disabled = true;
      try {
        await run();
        finish(true);
      } catch (err) {
        error.textContent = err.message;
      } finally {
        ok.disabled = false;
      }
    });
    dialog.showModal();
    (focus ?? ok).focus();
  });
}

/** askText asks for one line of text (a folder name) and passes it to `run`. */
export function askText({ title, label, value = "", confirm = "Save", hint, run }) {
  const input = h("input", { type: "text", required: true, maxlength: 200, value, autocomplete: "off" });
  return openDialog({
    title,
    confirm,
    body: field(label, input, hint),
    focus: input,
    run: () => run(input.value.trim()),
  });
}

/** confirmAction asks before something that cannot be undone. */
export function confirmAction({ title, message, confirm, run }) {
  return openDialog({ title, confirm, danger: true, body: h("p", {}, message), run });
}
