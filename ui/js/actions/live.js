import { followEvents } from "../api/events.js";
import { getState, update } from "../store.js";
import { refresh } from "./mailbox.js";

/**
 * Live updates: my event stream refreshes the list and folder counters in every open tab, and
 * (when my preferences ask for it and the browser allows it) shows a desktop notification.
 */

let close = null;
let following = null;

/**
 * followMailbox follows the active account's events (the cookie decides whose); call it again
 * after a switch. `onReconnect` runs when the stream came back after a break, `onLost` when it
 * ended for good (signed out elsewhere, or the server went away); `force` reconnects even when
 * already following.
 */
export function followMailbox({ onNewMail, onLost, onReconnect, force = false } = {}) {
  const active = getState().active;
  if (following === active && close && !force) return;
  close?.();
  close = null;
  following = active;
  if (!active) return;
  let opened = false;
  close = followEvents({
    onNew: (summary) => {
      void refresh();
      onNewMail?.(summary);
      notify(summary);
    },
    onChanged: () => void refresh(),
    onStats: (stats) => update({ stats }),
    // A reconnection may follow missed events (or another tab's account switch): look again.
    onOpen: () => {
      if (opened) onReconnect?.();
      opened = true;
      void refresh();
    },
    onClosed: () => {
      close = null;
      onLost?.();
    },
  });
}

/** notify shows a desktop notification for new mail while the page is not in front. */
function notify(m) {
  if (!getState().preferences.notifications) return;
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  if (document.visibilityState === "visible" && document.hasFocus()) return;
  const from = m.From?.Name || m.From?.Address || "someone";
  // The tag makes every open tab show the same notification once.
  new Notification(`New mail from ${from}`, { body: m.Subject || "(no subject)", tag: `sandpit-${m.ID}` });
}

/** askNotificationPermission asks the browser once; answers whether notifications may be shown. */
export async function askNotificationPermission() {
  if (typeof Notification === "undefined") return false;
  if (Notification.permission === "granted") return true;
  if (Notification.permission === "denied") return false;
  return (await Notification.requestPermission()) === "granted";
}
