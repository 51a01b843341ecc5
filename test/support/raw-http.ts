import http from "node:http";

/** RawReply is a status, headers and the parsed JSON body (undefined when not JSON). */
export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/**
 * rawRequest sends a request with headers fetch() will not let a caller set, such as `Host`
 * (what a browser sends after DNS rebinding), to a server at `baseUrl`.
 */
export function rawRequest(
  baseUrl: string,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawReply> {
  const u = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, method: opts.method ?? "GET", path: opts.path, headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}
