/** Endpoint is where one of Sandpit's mail doors listens, known once it has started. */
export interface Endpoint {
  host: string;
  port: number;
  /** The implicit-TLS port (IMAP, POP3), when one is configured. */
  tlsPort?: number | undefined;
}

/** Endpoints are the mail doors a user's mail client talks to (filled in as each door starts). */
export interface Endpoints {
  smtp: Endpoint;
  imap: Endpoint;
  pop3: Endpoint;
}

/** DoorSettings is one door as a mail client is set up for it. */
export interface DoorSettings {
  protocol: "IMAP" | "POP3" | "SMTP";
  host: string;
  port: number;
  security: "STARTTLS offered" | "STARTTLS required";
  /** The implicit-TLS port (IMAP, POP3), when one is configured. */
  tlsPort: number | null;
}

const WILDCARDS = new Set(["0.0.0.0", "::", "[::]"]);

/**
 * advertisedHost is the host a mail client should use for a door: the configured one, or, for a
 * wildcard (every interface), the host name this request reached Sandpit by.
 * @example advertisedHost("0.0.0.0", "sandpit.example.test") // "sandpit.example.test"
 */
export function advertisedHost(host: string, requestHost: string | undefined): string {
  return WILDCARDS.has(host) ? (requestHost ?? "localhost") : host;
}

/** dialHost is where Sandpit reaches its own door: loopback for a wildcard. */
export const dialHost = (host: string) => (WILDCARDS.has(host) ? "127.0.0.1" : host);
