import { AppError, type ErrorCode } from "../../errors.js";
import type { MailPort } from "./port.js";

/**
 * createRestPort talks to a running Sandpit over its REST API with one token: the stdio MCP entry
 * uses it, so a desktop agent gets exactly the REST API's rules.
 */
export function createRestPort(baseUrl: string, token: string): MailPort {
  const base = baseUrl.replace(/\/+$/, "");
  async function call(path: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...(init.body ? { "content-type": "application/json" } : {}) },
        signal: init.signal ?? AbortSignal.timeout(init.timeoutMs ?? 30_000),
      });
    } catch (err) {
      if ((err as Error).name === "AbortError") throw new AppError("BAD_REQUEST", "the request was cancelled", undefined, { cause: err });
      throw new AppError("UPSTREAM_UNAVAILABLE", `Sandpit is not reachable at ${base}`, undefined, { cause: err });
    }
    if (res.ok) return res;
    const body = (await res.json().catch(() => undefined)) as { error?: { code?: ErrorCode; message?: string } } | undefined;
    throw new AppError(body?.error?.code ?? "UPSTREAM_UNAVAILABLE", body?.error?.message ?? `Sandpit answered ${res.status}`);
  }
  const json = async <T>(path: string, init?: RequestInit & { timeoutMs?: number }) => (await (await call(path, init)).json()) as T;
  const enc = encodeURIComponent;
  return {
    whoami: () => json("/api/v1/auth/me"),
    list: (start, limit) => json(`/api/v1/messages?start=${start}&limit=${limit}`),
    search: (q, start, limit) => json(`/api/v1/search?query=${enc(q)}&start=${start}&limit=${limit}`),
    get: (id) => json(`/api/v1/message/${enc(id)}`),
    async attachment(id, partId) {
      const res = await call(`/api/v1/message/${enc(id)}/part/${enc(partId)}`);
      const fileName = /filename="?([^";]+)"?/i.exec(res.headers.get("content-disposition") ?? "")?.[1];
      return {
        contentType: res.headers.get("content-type") ?? "application/octet-stream",
        fileName,
        data: Buffer.from(await res.arrayBuffer()),
      };
    },
    wait(req) {
      const qs = new URLSearchParams({ since: String(req.sinceMs), timeout: String(req.timeoutMs / 1000) });
      for (const k of ["query", "to", "from", "subject"] as const) if (req[k]) qs.set(k, req[k]!);
      const started = Date.now();
      const ticker = setInterval(() => req.onProgress?.(Date.now() - started), 1000);
      return json<Awaited<ReturnType<MailPort["wait"]>>>(`/api/v1/wait?${qs}`, { signal: req.signal }).finally(() => clearInterval(ticker));
    },
    links: (id) => json(`/api/v1/message/${enc(id)}/links`),
    codes: (id) => json(`/api/v1/message/${enc(id)}/codes`),
    send: (input) => json("/api/v1/send", { method: "POST", body: JSON.stringify(input) }),
    draft: (id, kind) => json(`/api/v1/message/${enc(id)}/draft?kind=${kind}`),
    async markRead(ids, read) {
      await call("/api/v1/messages", { method: "PUT", body: JSON.stringify({ IDs: ids, Read: read }) });
    },
    async remove(ids) {
      await call("/api/v1/messages", { method: "DELETE", body: JSON.stringify({ IDs: ids }) });
    },
  };
}
