import { askNotificationPermission } from "../actions/live.js";
import { setPreferences } from "../actions/session.js";
import { getState } from "../store.js";
import { field, h } from "./dom.js";
import { toast } from "./toast.js";

/**
 * preferencesCard: theme (light, dark, or the system's), messages per page and desktop
 * notifications. They are saved server-side as soon as they change, for every browser of mine.
 */
export function preferencesCard() {
  const p = getState().preferences;
  const note = h("p", { class: "muted", role: "status" });
  const save = async (patch, done) => {
    try {
      await setPreferences(patch);
      toast(done);
    } catch (err) {
      toast(`Not saved: ${err.message}`, "error");
    }
  };
  const theme = h(
    "select",
    { name: "theme", onchange: () => save({ theme: theme.value }, `Theme: ${theme.value}`) },
    [
      ["system", "Same as the system"],
      ["light", "Light"],
      ["dark", "Dark"],
    ].map(([value, label]) => h("option", { value, selected: p.theme === value }, label)),
  );
  const pageSize = h("input", { type: "number", name: "pageSize", min: 10, max: 200, step: 1, value: p.pageSize, required: true });
  pageSize.addEventListener("change", () => {
    if (!pageSize.reportValidity()) return;
    void save({ pageSize: Number(pageSize.value) }, `${pageSize.value} messages per page`);
  });
  const notifications = h("input", { type: "checkbox", id: "pref-notifications", name: "notifications", checked: p.notifications });
  notifications.addEventListener("change", async () => {
    const on = notifications.checked;
    note.textContent = "";
    if (on && !(await askNotificationPermission())) {
      note.textContent =
        "The browser does not allow notifications for this page: allow them in the site settings, then turn this on again.";
    }
    await save({ notifications: on }, on ? "Desktop notifications on" : "Desktop notifications off");
  });
  return h(
    "section",
    { class: "card", id: "preferences" },
    h("h2", {}, "Preferences"),
    h("div", { class: "row" }, field("Theme", theme), field("Messages per page", pageSize, "From 10 to 200.")),
    h("div", { class: "check" }, notifications, h("label", { for: "pref-notifications" }, "Desktop notifications for new mail")),
    note,
  );
}
