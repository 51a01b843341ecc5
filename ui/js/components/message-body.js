import { getHeaders, getLinks, getRaw, htmlCheck, linkCheck, messageBase, viewUrl } from "../api/messages.js";
import { fill, h } from "./dom.js";

/** checks renders the HTML compatibility summary, the links, and a button to check them. */
async function checks(m) {
  const out = h("div", {});
  const html = m.HTML ? await htmlCheck(m.ID).catch((e) => ({ error: e.message })) : null;
  out.append(h("h3", {}, "HTML compatibility"));
  out.append(
    !html
      ? h("p", { class: "muted" }, "No HTML part.")
      : html.error
        ? h("p", {}, html.error)
        : h(
            "p",
            {},
            `${html.Warnings?.length ?? 0} warnings across ${html.Platforms ? Object.keys(html.Platforms).length : 0} client families.`,
          ),
  );
  const { links } = await getLinks(m.ID);
  out.append(
    h("h3", {}, "Links"),
    links.length
      ? h(
          "ul",
          {},
          links.map((l) => h("li", {}, h("code", {}, l.url), l.text ? ` — ${l.text}` : "")),
        )
      : h("p", { class: "muted" }, "No links."),
  );
  const check = h(
    "button",
    {
      type: "button",
      class: "secondary",
      onclick: async () => {
        check.disabled = true;
        const r = await linkCheck(m.ID);
        check.replaceWith(
          h(
            "ul",
            {},
            r.Links.map((l) => h("li", {}, `${l.StatusCode} ${l.Status} `, h("code", {}, l.URL))),
          ),
        );
      },
    },
    "Check links (Sandpit's server fetches them)",
  );
  out.append(check);
  return out;
}

/**
 * messageBody shows a message's body in tabs: the HTML in a sandboxed iframe (no scripts, opaque
 * origin; remote content blocked until allowed), the text, the headers, the raw source and checks.
 */
export function messageBody(m) {
  const panel = h("div", { class: "panel", role: "tabpanel" });
  let remote = false;
  const frame = () =>
    h("iframe", {
      class: "body-frame",
      title: "Message body (sandboxed)",
      sandbox: "allow-popups allow-popups-to-escape-sandbox",
      referrerpolicy: "no-referrer",
      src: viewUrl(m.ID, remote),
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
      const headers = await getHeaders(m.ID);
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
        h("p", {}, h("a", { href: `${messageBase(m.ID)}/raw?dl=1` }, "Download .eml")),
        h("pre", { class: "text raw" }, await getRaw(m.ID)),
      ),
    Checks: () => checks(m),
  };
  const bar = h(
    "div",
    { class: "tabs", role: "tablist" },
    Object.keys(tabs).map((t) => h("button", { type: "button", role: "tab", "data-tab": t, onclick: () => show(t) }, t)),
  );
  async function show(name) {
    for (const b of bar.querySelectorAll("button")) b.setAttribute("aria-selected", String(b.dataset.tab === name));
    fill(panel, h("p", { class: "muted" }, "Loading…"));
    try {
      fill(panel, await tabs[name]());
    } catch (err) {
      fill(panel, h("p", { class: "form-error" }, `${err.message}. Try the tab again.`));
    }
  }
  return { el: [bar, panel], start: () => show(m.HTML ? "HTML" : "Text") };
}

/** attachmentList lists attachments and inline parts to download, with image thumbnails. */
export function attachmentList(m) {
  const parts = [...(m.Attachments ?? []), ...(m.Inline ?? [])];
  if (!parts.length) return null;
  const base = messageBase(m.ID);
  return h(
    "ul",
    { class: "attachments", "aria-label": "Attachments" },
    parts.map((a) =>
      h(
        "li",
        {},
        /^image\//.test(a.ContentType) ? h("img", { src: `${base}/part/${a.PartID}/thumb`, alt: "", width: 90, height: 60 }) : null,
        h("a", { href: `${base}/part/${a.PartID}`, download: a.FileName }, a.FileName || `part ${a.PartID}`),
        h("small", { class: "muted" }, ` ${a.ContentType}, ${Math.ceil(a.Size / 1024)} KB`),
      ),
    ),
  );
}
