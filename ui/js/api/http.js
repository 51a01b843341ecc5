/**
 * api calls Sandpit's own API. The session is an HttpOnly cookie the page cannot read; every
 * request carries X-Sandpit-CSRF, which Sandpit requires on cookie-authenticated writes.
 */
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** api sends one request; a non-2xx answer throws an ApiError with Sandpit's error code and message. */
export async function api(path, { method = "GET", body, raw = false } = {}) {
  let res;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { "X-Sandpit-CSRF": "1", ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "NETWORK", "Sandpit is not reachable: check that the server is running, then try again");
  }
  if (!res.ok) {
    let err = { code: "HTTP_" + res.status, message: res.statusText };
    try {
      err = (await res.json()).error ?? err;
    } catch {
      // Not JSON (a proxy's error page): keep the status text.
    }
    throw new ApiError(res.status, err.code, err.message, err.details);
  }
  if (raw) return res;
  if (res.status === 204) return undefined;
  const type = res.headers.get("content-type") ?? "";
  return type.includes("json") ? res.json() : res.text();
}

/** qs builds a query string from the defined values: qs({ a: 1, b: undefined }) is "?a=1". */
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** enc encodes one path segment (folder names may hold "/"). */
export const enc = (s) => encodeURIComponent(s);
