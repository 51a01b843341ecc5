import type { DoorSettings } from "./endpoints.js";

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => `&${{ "<": "lt", ">": "gt", "&": "amp", '"': "quot", "'": "apos" }[c]};`);

/** server writes one incoming or outgoing server of Thunderbird's clientConfig. */
function server(
  tag: "incomingServer" | "outgoingServer",
  type: string,
  host: string,
  port: number,
  socketType: "STARTTLS" | "SSL",
): string {
  return [
    `    <${tag} type="${type}">`,
    `      <hostname>${xml(host)}</hostname>`,
    `      <port>${port}</port>`,
    `      <socketType>${socketType}</socketType>`,
    "      <username>%EMAILADDRESS%</username>",
    "      <authentication>password-cleartext</authentication>",
    `    </${tag}>`,
  ].join("\n");
}

/**
 * autoconfigXml is Thunderbird's autoconfig file (clientConfig 1.1) for a domain: IMAP and POP3 in
 * (implicit TLS first when configured, then STARTTLS), SMTP out, username = the address.
 */
export function autoconfigXml(domain: string, doors: DoorSettings[]): string {
  const incoming = doors
    .filter((d) => d.protocol !== "SMTP")
    .flatMap((d) => {
      const type = d.protocol.toLowerCase();
      return [
        ...(d.tlsPort ? [server("incomingServer", type, d.host, d.tlsPort, "SSL")] : []),
        server("incomingServer", type, d.host, d.port, "STARTTLS"),
      ];
    });
  const smtp = doors.find((d) => d.protocol === "SMTP")!;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<clientConfig version="1.1">',
    `  <emailProvider id="${xml(domain)}">`,
    `    <domain>${xml(domain)}</domain>`,
    "    <displayName>Sandpit</displayName>",
    "    <displayShortName>Sandpit</displayShortName>",
    ...incoming,
    server("outgoingServer", "smtp", smtp.host, smtp.port, "STARTTLS"),
    "  </emailProvider>",
    "</clientConfig>",
    "",
  ].join("\n");
}
