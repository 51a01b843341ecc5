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
