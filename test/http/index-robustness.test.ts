import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, waitFor, type TestApp } from "../support/app.js";
import { rawDb } from "../support/db.js";
import { TEST_STORE } from "../support/test-store.js";
import { deliver } from "../support/mail.js";
import { startMailpit, type TestMailpit } from "../support/mailpit.js";
import { asUser, registerUser, type TestUser } from "../support/users.js";
import { listIds, uniq } from "../support/world.js";

let mp: TestMailpit;
let app: TestApp;
beforeAll(async () => {
  mp = await startMailpit();
  app = await startApp(mp);
});
afterAll(async () => {
  await app?.stop();
  await mp?.stop();
});

/** rawMail builds a message from header lines and a body, CRLF-terminated. */
const rawMail = (headers: string[], body = "hello") => [...headers, "", body, ""].join("\r\n");
const ready = async (a: TestApp) => (await fetch(`${a.url}/readyz`)).status;

describe("one message can never stop indexing or readiness", () => {
  it("indexes a message whose To: names 11,000 addresses, and is ready after a restart", async () => {
    const kim = await registerUser(app, uniq("kim"));
    const many = Array.from({ length: 11_000 }, (_, i) => `r${i}@bulk.test`);
    // Folded one address per line: SMTP lines stay short, the header holds all of them.
    const to = `To: ${[...many, kim.email].join(",\r\n ")}`;
    const id = await deliver(mp.smtpPort, {
      from: "app@shop.test",
      raw: rawMail(["From: app@shop.test", to, "Subject: everyone"]),
      envelope: { from: "app@shop.test", to: [kim.email] },
    });
    await waitFor(async () => (await listIds(kim)).includes(id), "the huge message in kim's mailbox", 20_000);
    const after = await messageMark(app);
    await app.stop();
    app = await startApp(mp, {}, app.dataDir);
    expect(await ready(app)).toBe(200);
    expect(await listIds(asUser(app, kim.email, kim.token))).toContain(id);
    expect(await messageMark(app)).toBeGreaterThanOrEqual(after);
  });

  it("sets aside a message the store refuses, indexes the rest, stays ready, and retries it later", async () => {
    const lee = await registerUser(app, uniq("lee"));
    // A real store failure for one message: the database refuses its row.
    const db = await rawDb(app);
    for (const statement of POISON[TEST_STORE].create) await db.query(statement);
    const poison = await deliver(mp.smtpPort, { from: "app@shop.test", to: lee.email, subject: "poison pill", text: "x" });
    const fine = await deliver(mp.smtpPort, { from: "app@shop.test", to: lee.email, subject: "fine", text: "x" });
    await waitFor(async () => (await listIds(lee)).includes(fine), "the message after the poison");
    expect(await listIds(lee)).not.toContain(poison);

    await app.stop();
    app = await startApp(mp, {}, app.dataDir);
    const leeAgain = asUser(app, lee.email, lee.token);
    expect(await ready(app)).toBe(200);
    expect(await listIds(leeAgain)).not.toContain(poison);

    await db.query(POISON[TEST_STORE].drop);
    await db.close();
    await waitFor(async () => (await listIds(leeAgain)).includes(poison), "the poison retried after the store accepts it", 20_000);
  });
});

/** messageMark counts indexed messages (the index must not lose any across a restart). */
async function messageMark(a: TestApp): Promise<number> {
  const db = await rawDb(a);
  const [row] = await db.query<{ n: number }>("SELECT CAST(count(*) AS INTEGER) AS n FROM messages");
  await db.close();
  return row!.n;
}

/** A trigger that makes the database refuse one message's row, in each store's SQL. */
const POISON = {
  sqlite: {
    create: [
      `CREATE TRIGGER poison BEFORE INSERT ON messages WHEN NEW.subject = 'poison pill'
       BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
    ],
    drop: "DROP TRIGGER poison",
  },
  postgres: {
    create: [
      `CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.subject = 'poison pill' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`,
      "CREATE TRIGGER poison BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION poison()",
    ],
    drop: "DROP TRIGGER poison ON messages",
  },
};

describe("ownership is taken only from what the headers really say", () => {
  let alice: TestUser;
  let dave: TestUser;
  let kate: TestUser;
  beforeAll(async () => {
    [alice, dave, kate] = (await Promise.all(["alice", "dave", "kate"].map((n) => registerUser(app, uniq(n))))) as [
      TestUser,
      TestUser,
      TestUser,
    ];
  });

  it("does not make the address in an unquoted display name an owner", async () => {
    const id = await deliver(mp.smtpPort, {
      from: "app@shop.test",
      raw: rawMail(["From: app@shop.test", `To: ${alice.email} <${dave.email}>`, "Subject: display name"]),
      envelope: { from: "app@shop.test", to: [dave.email] },
    });
    await waitFor(async () => (await listIds(dave)).includes(id), "dave's copy");
    expect(await listIds(alice)).not.toContain(id);
  });

  it("folds ASCII case only: a Kelvin sign is not a K", async () => {
    const local = kate.email.split("@")[0]!;
    const lookalike = `\u212A${local.slice(1)}@${kate.email.split("@")[1]}`;
    const id = await deliver(mp.smtpPort, {
      from: "app@shop.test",
      raw: rawMail([
        "From: app@shop.test",
        `To: ${lookalike}, ${alice.email}`,
        "Subject: lookalike",
        "Content-Type: text/plain; charset=utf-8",
      ]),
      envelope: { from: "app@shop.test", to: [alice.email] },
    });
    await waitFor(async () => (await listIds(alice)).includes(id), "alice's copy");
    expect(await listIds(kate)).not.toContain(id);
  });
});

describe("GET /view/{ID}.html?inline=data keeps to its budget", () => {
  it("pays for every copy of an inline image, so 60 references to 150 KB stay under the budget", async () => {
    const nina = await registerUser(app, uniq("nina"));
    const image = randomBytes(150 * 1024);
    const id = await deliver(mp.smtpPort, {
      from: "app@shop.test",
      to: nina.email,
      subject: "sixty logos",
      html: `<p>${'<img src="cid:big@shop">'.repeat(60)}</p>`,
      attachments: [{ filename: "big.png", content: image, contentType: "image/png", cid: "big@shop" }],
    });
    await waitFor(async () => (await listIds(nina)).includes(id), "indexed");
    const res = await nina.fetch(`/view/${id}.html?inline=data`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const embedded = html.split("data:image/png;base64,").length - 1;
    expect(embedded).toBeGreaterThan(0);
    expect(embedded).toBeLessThan(60);
    expect(html.length).toBeLessThan(5.5 * 1024 * 1024);
  });
});
