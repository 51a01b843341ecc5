import { loadProfile } from "../actions/session.js";
import { disableTwoFactor, enableTwoFactor, setupTwoFactor, twoFactorStatus } from "../api/security.js";
import { field, fill, h } from "./dom.js";
import { toast } from "./toast.js";

/**
 * qrImage shows the server's QR code. It is an SVG string, so it goes in as an <img> with a data:
 * URL (the CSP allows data: images): an image cannot run script, whatever the SVG holds.
 */
const qrImage = (svg) =>
  h("img", {
    class: "qr",
    id: "totp-qr",
    alt: "QR code for your authenticator app",
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
  });

/** codeForm is one code field and a button; `run(code)` may throw, and its message shows below. */
function codeForm({ label, button, run, danger = false }) {
  const code = h("input", {
    type: "text",
    name: "totp-code",
    required: true,
    inputmode: "numeric",
    autocomplete: "one-time-code",
    maxlength: 64,
  });
  const error = h("p", { class: "form-error", role: "alert" });
  const submit = async (e) => {
    e.preventDefault();
    error.textContent = "";
    if (!code.reportValidity()) return;
    try {
      await run(code.value.trim());
    } catch (err) {
      error.textContent = err.message;
    }
  };
  return h(
    "form",
    { onsubmit: submit },
    h("div", { class: "row" }, field(label, code), h("button", { type: "submit", class: danger ? "danger" : "" }, button)),
    error,
  );
}

/** twoFactorCard (password mode): set up, confirm with a code, see the recovery codes once, turn off. */
export async function twoFactorCard() {
  const body = h("div", {});
  const el = h("section", { class: "card", id: "two-factor" }, h("h2", {}, "Two-factor sign-in"), body);

  async function show(recoveryCodes) {
    const s = await twoFactorStatus();
    if (s.enabled) {
      return fill(
        body,
        h(
          "p",
          { id: "totp-status" },
          h("strong", {}, "On."),
          ` Signing in needs a code from your app. ${s.recoveryCodesLeft} recovery codes left.`,
        ),
        recoveryCodes ? codesNote(recoveryCodes) : null,
        codeForm({
          label: "Code or recovery code",
          button: "Turn off two-factor",
          danger: true,
          run: async (code) => {
            await disableTwoFactor(code);
            toast("Two-factor is off");
            await Promise.all([show(), loadProfile()]);
          },
        }),
      );
    }
    fill(
      body,
      h("p", { id: "totp-status" }, h("strong", {}, "Off."), " Add a code from an authenticator app to your password."),
      h("button", { type: "button", id: "totp-setup", onclick: () => void begin() }, "Set up two-factor"),
    );
  }
  function codesNote(codes) {
    return h(
      "div",
      { class: "note", id: "recovery-codes" },
      h(
        "p",
        {},
        h("strong", {}, "Save these recovery codes now: they are shown only once."),
        " Each one signs you in once without your app.",
      ),
      h(
        "ul",
        { class: "codes" },
        codes.map((c) => h("li", {}, h("code", {}, c))),
      ),
    );
  }
  async function begin() {
    try {
      const r = await setupTwoFactor();
      fill(
        body,
        h("p", {}, "Scan this with your authenticator app, or type the key into it, then enter the code it shows."),
        qrImage(r.qrSvg),
        h("p", {}, "Key: ", h("code", { id: "totp-secret" }, r.secret)),
        codeForm({
          label: "Code from the app",
          button: "Turn on two-factor",
          run: async (code) => {
            const { recoveryCodes } = await enableTwoFactor(code);
            toast("Two-factor is on");
            await Promise.all([show(recoveryCodes), loadProfile()]);
          },
        }),
        h("button", { type: "button", class: "secondary", onclick: () => void show() }, "Cancel"),
      );
    } catch (err) {
      toast(err.message, "error");
    }
  }
  await show();
  return el;
}
