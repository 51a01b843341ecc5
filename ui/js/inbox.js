import { api } from "./api.js";
import { formatDate, h, mount, toast } from "./dom.js";
import { onMail } from "./app.js";

const PAGE = 25;

/** renderInbox: my messages, newest first, paginated and searchable, updating live. */
export async function renderInbox(params) {
  const start = Math.max(0, Number(params.get("start") ?? 0) || 0);
  const query = params.get("q") ?? "";
  const selected = new Set();
  const list = h("div", { class: "list", "aria-live": "polite" }, h("p", { class: "muted" }, "Loading…"));
  const status = h("span", { class: "muted", id: "inbox-status" });
  const newer = h(
    "button",
    { type: "button", class: "secondary", disabled: start === 0, onclick: () => go(Math.max(0, start - PAGE), query) },
    "← Newer",
  );
  const older = h(
    "button",
    { type: "button", class: "secondary", id: "older", disabled: true, onclick: () => go(start + PAGE, query) },
    "Older →",
  );
  const searchBox = h("input", {
    type: "search",
    name: "q",
    value: query,
    placeholder: 'Search: words, "phrases", from:, to:, subject:, is:unread, has:attachment…',
    "aria-label": "Search",
  });
  const searchError = h("p", { class: "form-error", role: "alert" });

  const go = (s, q) => (location.hash = `#/inbox?start=${s}${q ? `&q=${encodeURIComponent(q)}` : ""}`);
  const bulk = async (action) => {
    if (selected.size === 0) return toast("Select messages first (the checkboxes on the left).", "error");
    const IDs = [...selected];
    if (action === "delete") await api("/api/v1/messages", { method: "DELETE", body: { IDs } });
    else await api("/api/v1/messages", { method: "PUT", body: { IDs, Read: action === "read" } });
    toast(action === "delete" ? `Deleted ${IDs.length} from your mailbox` : `Marked ${IDs.length} ${action}`);
    await load();
  };

  async function load() {
    let page;
    try {
      page = query
        ? await api(`/api/v1/search?query=${encodeURIComponent(query)}&start=${start}&limit=${PAGE}`)
        : await api(`/api/v1/messages?start=${start}&limit=${PAGE}`);
      searchError.textContent = "";
    } catch (err) {
      if (err.code !== "BAD_REQUEST") throw err;
      searchError.textContent = `${err.message}. See the search help below the box.`;
      list.replaceChildren();
      return;
    }
    selected.clear();
    const count = page.messages_count;
    older.disabled = start + page.messages.length >= count;
    status.textContent = count
      ? `${start + 1}–${start + page.messages.length} of ${count}${query ? " matches" : ""} · ${page.unread} unread`
      : "";
    if (page.messages.length === 0) {
      list.replaceChildren(
        h(
          "div",
          { class: "empty" },
          query ? h("p", {}, "No message matches this search.") : h("p", {}, "Your mailbox is empty."),
          query
            ? null
            : h(
                "p",
                { class: "muted" },
                "Mail sent to or from your address shows up here as soon as Mailpit receives it: point your app's SMTP at Sandpit's SMTP port, or use Compose.",
              ),
        ),
      );
      return;
    }
    list.replaceChildren(
      h(
        "table",
        { class: "messages" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { class: "sel" }, h("span", { class: "sr" }, "Select")),
            h("th", {}, "From"),
            h("th", {}, "Subject"),
            h("th", { class: "date" }, "Date"),
          ),
        ),
        h(
          "tbody",
          {},
          page.messages.map((m) => row(m, selected)),
        ),
      ),
    );
  }

  mount(
    h(
      "form",
      { class: "search row", role: "search", onsubmit: (e) => (e.preventDefault(), go(0, searchBox.value.trim())) },
      searchBox,
      h("button", { type: "submit" }, "Search"),
      query ? h("a", { href: "#/inbox" }, "Clear") : null,
    ),
    searchError,
    h(
      "div",
      { class: "row toolbar" },
      h("button", { type: "button", class: "secondary", onclick: () => bulk("read") }, "Mark read"),
      h("button", { type: "button", class: "secondary", onclick: () => bulk("unread") }, "Mark unread"),
      h("button", { type: "button", class: "danger", onclick: () => bulk("delete") }, "Delete"),
      status,
    ),
    list,
    h("div", { class: "row pager" }, newer, older),
  );
  onMail(() => load().catch(() => undefined));
  await load();
}

function row(m, selected) {
  const box = h("input", {
    type: "checkbox",
    "aria-label": `Select ${m.Subject || "message"}`,
    onchange: (e) => (e.target.checked ? selected.add(m.ID) : selected.delete(m.ID)),
  });
  const open = `#/message/${encodeURIComponent(m.ID)}`;
  return h(
    "tr",
    { class: m.Read ? "read" : "unread", "data-id": m.ID },
    h("td", { class: "sel" }, box),
    h("td", { class: "from" }, m.From.Name || m.From.Address || "(unknown sender)"),
    h(
      "td",
      { class: "subject" },
      h("a", { href: open }, m.Subject || "(no subject)"),
      m.Attachments ? h("span", { class: "clip", title: `${m.Attachments} attachment(s)`, "aria-label": "has attachments" }, " 📎") : null,
      h("span", { class: "snippet" }, m.Snippet ? ` — ${m.Snippet}` : ""),
    ),
    h("td", { class: "date" }, h("time", { datetime: m.Created }, formatDate(m.Created))),
  );
}
