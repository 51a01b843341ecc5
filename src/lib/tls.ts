import fs from "node:fs";
import path from "node:path";
import { generate } from "selfsigned";

/** TlsPair is a PEM certificate and its key. */
export interface TlsPair {
  cert: string;
  key: string;
}

/**
 * loadTls reads the configured PEM files, or a self-signed pair kept in the data folder: generated
 * once (EC P-256, ten years, for localhost and 127.0.0.1), so clients that insist on STARTTLS work
 * and a client that pins the certificate keeps working across restarts.
 */
export async function loadTls(configured: { cert: string; key: string } | undefined, dataDir: string): Promise<TlsPair> {
  if (configured) return { cert: fs.readFileSync(configured.cert, "utf8"), key: fs.readFileSync(configured.key, "utf8") };
  const dir = path.join(dataDir, "tls");
  const certFile = path.join(dir, "sandpit-cert.pem");
  const keyFile = path.join(dir, "sandpit-key.pem");
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    return { cert: fs.readFileSync(certFile, "utf8"), key: fs.readFileSync(keyFile, "utf8") };
  }
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notAfterDate: new Date(Date.now() + 10 * 365 * 86_400_000),
    extensions: [
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(keyFile, pems.private, { mode: 0o600 });
  fs.writeFileSync(certFile, pems.cert);
  return { cert: pems.cert, key: pems.private };
}
