import { api } from "./api.js";
import { addressList, h, mount, toast } from "./dom.js";
import { me } from "./app.js";

/**
 * renderMessage: headers, the HTML body in a sandboxed iframe (no scripts, no same-origin access,
 * remote images off until allowed), text, headers, raw source, attachments, checks, reply/forward.
 */
export async function renderMessage(id) {
  const m = await api(`/api/v1/message/${encodeURIComponent(id)}`);
  const base = `/api/v1/message/${encodeURIComponent(m.ID)}`;
  const panel = h("div", { class: "panel" });
  let remote = false;

  const frame = () =>
    h("iframe", {
      class: "body-frame",
      title: "Message body (sandboxed)",
      sandbox: "allow-popups allow-popups-to-escape-sandbox",
      referrerpolicy: "no-referrer",
      src: `/view/${encodeURIComponent(m.ID)}.html?remote=${remote ? 1 : 0}&inline=data`,
    });
  const tabs = {
    HTML: () =>
      m.HTML
        ? [
            remote
              ? null
              : h(
                  "p",
                  { class: "note" },
                  "Remote images and styles are blocked. ",
                  h(
                    "button",
                    { type: "button", class: "link", id: "allow-remote", onclick: () => ((remote = true), show("HTML")) },
                    "Load remote content",
                  ),
                ),
            frame(),
          ]
        : h("p", { class: "muted" }, "This message has no HTML part."),
    Text: () => h("pre", { class: "text" }, m.Text || "(no text part)"),
    Headers: async () => {
      const headers = await api(`${base}/headers`);
      return h(
        "table",
        { class: "headers" },
        Object.entries(headers).map(([k, vs]) => vs.map((v) => h("tr", {}, h("th", {}, k), h("td", {}, v)))),
      );
    },
    Raw: async () =>
      h(
        "div",
        {},
        h("p", {}, h("a", { href: `${base}/raw?dl=1` }, "Download .eml")),
        h("pre", { class: "text raw" }, await api(`${base}/raw`)),
      ),
    Checks: async () => {
      const out = h("div", {});
      const html = m.HTML ? await api(`${base}/html-check`).catch((e) => ({ error: e.message })) : null;
      out.append(h("h3", {}, "HTML compatibility"));
      out.append(
        html
          ? html.error
            ? h("p", {}, html.error)
            : h(
                "p",
                {},
                `${html.Warnings?.length ?? 0} warnings across ${html.Platforms ? Object.keys(html.Platforms).length : 0} client families.`,
              )
          : h("p", { class: "muted" }, "No HTML part."),
      );
      const links = await api(`${base}/links`);
      out.append(
        h("h3", {}, "Links"),
        links.links.length
          ? h(
              "ul",
              {},
              links.links.map((l) => h("li", {}, h("code", {}, l.url), l.text ? ` — ${l.text}` : "")),
            )
          : h("p", { class: "muted" }, "No links."),
      );
      out.append(
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: async (e) => {
              e.target.disabled = true;
              const r = await api(`${base}/link-check`);
              e.target.replaceWith(
                h(
                  "ul",
                  {},
                  r.Links.map((l) => h("li", {}, `${l.StatusCode} ${l.Status} `, h("code", {}, l.URL))),
                ),
              );
            },
          },
          "Check links (Sandpit's server fetches them)",
        ),
      );
      return out;
    },
  };
  async function show(name) {
    for (const b of tabBar.querySelectorAll("button")) b.setAttribute("aria-selected", String(b.dataset.tab === name));
    panel.replaceChildren(h("p", { class: "muted" }, "Loading…"));
    try {
      const content = await tabs[name]();
      panel.replaceChildren(...[content].flat().filter(Boolean));
    } catch (err) {
      panel.replaceChildren(h("p", { class: "form-error" }, err.message));
    }
  }
  const tabBar = h(
    "div",
    { class: "tabs", role: "tablist" },
    Object.keys(tabs).map((t) => h("button", { type: "button", role: "tab", "data-tab": t, onclick: () => show(t) }, t)),
  );

  const attachments = [...(m.Attachments ?? []), ...(m.Inline ?? [])];
  const mine = me();
  const sentByMe = mine && m.From?.Address?.toLowerCase() === mine.email;
  mount(
    h(
      "article",
      { class: "message card" },
      h(
        "div",
        { class: "row" },
        h("a", { href: "#/inbox" }, "← Inbox"),
        h("a", { class: "button secondary", href: `#/compose?reply=${m.ID}` }, "Reply"),
        h("a", { class: "button secondary", href: `#/compose?replyAll=${m.ID}` }, "Reply all"),
        h("a", { class: "button secondary", href: `#/compose?forward=${m.ID}` }, "Forward"),
        h(
          "button",
          {
            type: "button",
            class: "danger",
            onclick: async () => {
              await api("/api/v1/messages", { method: "DELETE", body: { IDs: [m.ID] } });
              toast("Deleted from your mailbox");
              location.hash = "#/inbox";
            },
          },
          "Delete",
        ),
      ),
      h("h1", { class: "subject" }, m.Subject || "(no subject)"),
      h(
        "dl",
        { class: "meta" },
        h("dt", {}, "From"),
        h("dd", {}, addressList([m.From])),
        h("dt", {}, "To"),
        h("dd", {}, addressList(m.To) || "—"),
        m.Cc?.length ? [h("dt", {}, "Cc"), h("dd", {}, addressList(m.Cc))] : null,
        sentByMe && m.Bcc?.length ? [h("dt", {}, "Bcc"), h("dd", { id: "bcc" }, addressList(m.Bcc))] : null,
        h("dt", {}, "Date"),
        h("dd", {}, new Date(m.Date).toLocaleString()),
      ),
      attachments.length
        ? h(
            "ul",
            { class: "attachments" },
            attachments.map((a) =>
              h(
                "li",
                {},
                /^image\//.test(a.ContentType) ? h("img", { src: `${base}/part/${a.PartID}/thumb`, alt: "", width: 90, height: 60 }) : null,
                h("a", { href: `${base}/part/${a.PartID}`, download: a.FileName }, a.FileName || `part ${a.PartID}`),
                h("small", { class: "muted" }, ` ${a.ContentType}, ${Math.ceil(a.Size / 1024)} KB`),
              ),
            ),
          )
        : null,
      tabBar,
      panel,
    ),
  );
  await show(m.HTML ? "HTML" : "Text");
}
