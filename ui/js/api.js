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

export async function api(path, { method = "GET", body, raw = false } = {}) {
  const res = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: { "X-Sandpit-CSRF": "1", ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    let err = { code: "HTTP_" + res.status, message: res.statusText };
    try {
      err = (await res.json()).error ?? err;
    } catch {}
    throw new ApiError(res.status, err.code, err.message, err.details);
  }
  if (raw) return res;
  if (res.status === 204) return undefined;
  const type = res.headers.get("content-type") ?? "";
  return type.includes("json") ? res.json() : res.text();
}
