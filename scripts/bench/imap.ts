import net from "node:net";

/**
 * ImapLine is a bench's IMAP connection: one socket, commands run one at a time, each resolving
 * with everything the server wrote up to its tagged reply (so the time is the server's whole answer).
 */
export interface ImapLine {
  run(command: string): Promise<string>;
  /** idleUntil enters IDLE, calls `trigger`, and resolves (after DONE) once an untagged line matches `pattern`. */
  idleUntil(pattern: RegExp, trigger: () => Promise<unknown>): Promise<void>;
  close(): void;
}

export async function openImap(port: number, user: string, pass: string): Promise<ImapLine> {
  const socket = net.connect(port, "127.0.0.1");
  socket.setNoDelay(true);
  let buf = "";
  let waiting: { tag: string; resolve: (s: string) => void; reject: (e: Error) => void } | undefined;
  let watching: { pattern: RegExp; seen: () => void } | undefined;
  socket.on("data", (d: Buffer) => {
    buf += d.toString("latin1");
    if (watching?.pattern.test(buf)) watching.seen();
    if (!waiting) return;
    const m = new RegExp(`(^|\\r\\n)${waiting.tag} (OK|NO|BAD)[^\\r]*\\r\\n`).exec(buf);
    if (!m) return;
    const out = buf;
    buf = "";
    const w = waiting;
    waiting = undefined;
    if (m[2] === "OK") w.resolve(out);
    else w.reject(new Error(`IMAP ${m[0].trim()}`));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.once("connect", () => resolve());
  });
  let n = 0;
  const run = (command: string) =>
    new Promise<string>((resolve, reject) => {
      const tag = `b${++n}`;
      waiting = { tag, resolve, reject };
      socket.write(`${tag} ${command}\r\n`);
    });
  await run(`LOGIN "${user}" "${pass}"`);
  async function idleUntil(pattern: RegExp, trigger: () => Promise<unknown>): Promise<void> {
    const tag = `b${++n}`;
    const done = new Promise<string>((resolve, reject) => (waiting = { tag, resolve, reject }));
    const seen = new Promise<void>((resolve) => (watching = { pattern, seen: resolve }));
    socket.write(`${tag} IDLE\r\n`);
    await new Promise<void>((resolve) => {
      const check = () => (buf.includes("+ ") ? resolve() : setTimeout(check, 1));
      check();
    });
    await trigger();
    await seen;
    watching = undefined;
    socket.write("DONE\r\n");
    await done;
  }
  return { run, idleUntil, close: () => socket.destroy() };
}
