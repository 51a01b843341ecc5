/** Level is a log threshold; "silent" turns logging off (tests). */
export type Level = "debug" | "info" | "warn" | "error" | "silent";

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Logger writes one JSON line per event to stderr, so logs stay machine-readable. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** createLogger returns a logger that drops events below `level`. */
export function createLogger(level: Level, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const at = (lvl: Exclude<Level, "silent">) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(`${JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...serialise(fields) })}\n`);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

function serialise(fields?: Record<string, unknown>): Record<string, unknown> {
  if (!fields) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? errorFields(v) : v;
  }
  return out;
}

/** errorFields renders an error with its chain of causes (a driver's error is often the cause). */
function errorFields(e: Error): Record<string, unknown> {
  const cause = e.cause instanceof Error ? { cause: errorFields(e.cause) } : {};
  const raw = (e as Error & { code?: unknown }).code;
  const code = typeof raw === "string" ? { code: raw } : {};
  return { name: e.name, message: e.message, ...code, stack: e.stack, ...cause };
}
