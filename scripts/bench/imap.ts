import net from "node:net";

/**
 * ImapLine is a bench's IMAP connection: one socket, commands run one at a time, each resolving
 * with everything the server wrote up to its tagged reply (so the time is the server's whole answer).
 */
export interface ImapLine {
  run(command: string): Promise<string>;
  close(): void;
}

export async function openImap(port: number, user: string, pass: string): Promise<ImapLine> {
  const socket = net.connect(port, "127.0.0.1");
  socket.setNoDelay(true);
  let buf = "";
  let waiting: { tag: string; resolve: (s: string) => void; reject: (e: Error) => void } | undefined;
  socket.on("data", (d: Buffer) => {
    buf += d.toString("latin1");
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
  return { run, close: () => socket.destroy() };
}
