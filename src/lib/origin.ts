/**
 * originHost reads the host (with port) of an `Origin` header: undefined when there is no
 * meaningful Origin (absent, or the opaque "null"), "" when it cannot be parsed (never allowed).
 */
export function originHost(origin: string | undefined): string | undefined {
  if (!origin || origin === "null") return undefined;
  try {
    return new URL(origin).host;
  } catch {
    return "";
  }
}
