/**
 * Hash routes, parsed into plain objects, and the links that build them. The router keeps no
 * state of its own: `startRouter` hands each route to the app, which renders it.
 *
 *   #/folder/Inbox            a folder           #/folder/Inbox/ID     a message in it
 *   #/search/QUERY            search results     #/search/QUERY/ID     a message among them
 *   #/compose?draft=ID|reply=ID|replyAll=ID|forward=ID                #/account   #/login?add=1
 *   #/admin (admins)          #/forgot (ask for a reset link)            #/reset?token=… (set a new password)
 */

const dec = (s) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** parseHash turns a location hash into {name, folder?, query?, id?, params}. */
export function parseHash(hash) {
  const [path, search] = String(hash || "")
    .replace(/^#\/?/, "")
    .split("?");
  const params = new URLSearchParams(search ?? "");
  const [head, ...rest] = path.split("/");
  switch (head) {
    case "folder":
      return { name: "mailbox", folder: dec(rest[0] || "Inbox"), query: "", id: rest[1] ? dec(rest[1]) : null, params };
    case "search":
      return { name: "mailbox", folder: null, query: dec(rest[0] ?? ""), id: rest[1] ? dec(rest[1]) : null, params };
    case "message":
      return { name: "mailbox", folder: "Inbox", query: "", id: rest[0] ? dec(rest[0]) : null, params };
    case "compose":
    case "account":
    case "admin":
    case "forgot":
    case "reset":
    case "login":
      return { name: head, params };
    default:
      return { name: "mailbox", folder: "Inbox", query: "", id: null, params };
  }
}

/** folderHref links to a folder, or to one of its messages. */
export const folderHref = (folder, id) => `#/folder/${encodeURIComponent(folder)}${id ? `/${encodeURIComponent(id)}` : ""}`;

/** searchHref links to search results, or to one message among them. */
export const searchHref = (query, id) => `#/search/${encodeURIComponent(query)}${id ? `/${encodeURIComponent(id)}` : ""}`;

/** listHref links back to the list a route shows (its folder or its search). */
export const listHref = (route, id) => (route.folder ? folderHref(route.folder, id) : searchHref(route.query, id));

/** composeHref opens compose: empty, a draft of mine, or the server's reply/reply-all/forward draft. */
export function composeHref(kind, id) {
  return kind ? `#/compose?${kind}=${encodeURIComponent(id)}` : "#/compose";
}

/** startRouter calls `onRoute(route)` now and on every hash change. */
export function startRouter(onRoute) {
  const run = () => onRoute(parseHash(location.hash));
  window.addEventListener("hashchange", run);
  run();
}

/** navigate goes to a hash route (a no-op when already there). */
export function navigate(hash) {
  if (location.hash !== hash) location.hash = hash;
}
