import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * findRoot walks up from `from` to the folder holding Sandpit's package.json: the same answer
 * whether the code runs from src/ (tsx, tests) or compiled from dist/ (`npm start`).
 */
export function findRoot(from: string): string {
  let dir = path.dirname(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "drizzle"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find Sandpit's folder above ${from}`);
    dir = up;
  }
}

/** PROJECT_ROOT is the checkout (or image folder): drizzle/, ui/ and .tools/ are found from it. */
export const PROJECT_ROOT = findRoot(fileURLToPath(import.meta.url));

/** fromRoot is a path inside the project folder. */
export const fromRoot = (...parts: string[]) => path.join(PROJECT_ROOT, ...parts);
