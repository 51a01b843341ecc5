import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/**
 * eml reads a fixture message (`imap/nested` is test/fixtures/imap/nested.eml) with CRLF line
 * ends, as messages travel; the files keep LF so they stay readable and diffable.
 */
export function eml(name: string): Buffer {
  return Buffer.from(fs.readFileSync(path.join(FIXTURES, `${name}.eml`), "latin1").replace(/\r?\n/g, "\r\n"), "latin1");
}
