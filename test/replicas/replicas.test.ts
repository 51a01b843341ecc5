import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { waitFor, type TestApp } from "../support/app.js";
import { followEvents, type StreamedEvent } from "../support/events.js";
import { deliver } from "../support/mail.js";
import { startMailpit, type TestMailpit } from "../support/mailpit.js";
import { createDatabase } from "../support/postgres.js";
import { startReplica, type Replica } from "../support/replica.js";
import { accepted, submit } from "../support/mail.js";
import { asUser, jsonInit, registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

let mp: TestMailpit;
let dbUrl: string;
let replicas: Replica[] = [];

/** As a user on one replica: the same token works on every replica (one store). */
const on = (r: Replica, u: TestUser) => asUser({ url: r.url } as TestApp, u.email, u.token);
const idsOn = async (r: Replica, u: TestUser) =>
  ((await on(r, u).json("/api/v1/messages?limit=0")).body.messages as { ID: string }[]).map((m) => m.ID);

beforeAll(async () => {
  mp = await startMailpit();
  dbUrl = await createDatabase(inject("pgAdminUrl"), `replicas_${randomBytes(4).toString("hex")}`);
  const env = {
    SANDPIT_DATABASE_URL: dbUrl,
    MAILPIT_URL: mp.apiUrl,
    MAILPIT_SMTP: `127.0.0.1:${mp.smtpPort}`,
    SANDPIT_RECONCILE_SECONDS: "1",
    SANDPIT_LEADER_RETRY_SECONDS: "1",
  };
  // Three replicas started together on an empty database.
  replicas = await Promise.all([startReplica(env), startReplica(env), startReplica(env)]);
});

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await mp?.stop();
});

describe("several replicas on one PostgreSQL and one Mailpit", () => {
  it("all become ready when started together on an empty database, which is migrated once, and one of them leads", async () => {
    const states = await Promise.all(replicas.map((r) => r.ready()));
    expect(states.filter((s) => s.leader).length).toBe(1);
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    const applied = await client.query("SELECT hash FROM drizzle.__drizzle_migrations");
    await client.end();
    expect(new Set(applied.rows.map((r) => r.hash)).size).toBe(applied.rows.length);
  });

  it("shows mail delivered over SMTP through every replica", async () => {
    const ann = await registerUser({ url: replicas[0]!.url } as TestApp, uniq("ann"));
    const id = await deliver(mp.smtpPort, { from: "app@shop.test", to: ann.email, subject: "hello replicas", text: "x" });
    for (const r of replicas) await waitFor(async () => (await idsOn(r, ann)).includes(id), `the message on ${r.url}`);
  });

  it("wakes a wait on replica 2 within 1 s for a message sent through replica 3's /api/v1/send", async () => {
    const [bea, cal] = [
      await registerUser({ url: replicas[0]!.url } as TestApp, uniq("bea")),
      await registerUser({ url: replicas[0]!.url } as TestApp, uniq("cal")),
    ];
    const waiting = on(replicas[1]!, cal).json(`/api/v1/wait?subject=ping&timeout=20&since=${Date.now()}`);
    await new Promise((r) => setTimeout(r, 200));
    const sent = await on(replicas[2]!, bea).json(
      "/api/v1/send",
      jsonInit("POST", { To: [{ Email: cal.email }], Subject: "ping", Text: "x" }),
    );
    const sentAt = Date.now();
    const woke = await waiting;
    expect([woke.status, woke.body.ID]).toEqual([200, sent.body.ID]);
    expect(Date.now() - sentAt).toBeLessThan(1_000);
  });

  it("takes SMTP on every replica: mail submitted with AUTH to replica 3 is owned, by its envelope, through replica 1 at once", async () => {
    const [gia, hob] = await Promise.all(["gia", "hob"].map((n) => registerUser({ url: replicas[0]!.url } as TestApp, uniq(n))));
    for (const r of replicas) expect(r.smtpPort).toBeGreaterThan(0);
    const id = accepted(
      await submit(
        replicas[2]!.smtpPort,
        { from: gia!.email, to: "someone@else.test", bcc: hob!.email, subject: "via replica 3", text: "x" },
        {
          auth: { user: gia!.email, pass: gia!.token },
        },
      ),
    );
    expect(await idsOn(replicas[0]!, gia!)).toContain(id);
    expect(await idsOn(replicas[0]!, hob!)).toContain(id);
  });

  it("sees a delete through replica 1 on replica 2", async () => {
    const dan = await registerUser({ url: replicas[0]!.url } as TestApp, uniq("dan"));
    const id = await deliver(mp.smtpPort, { from: "app@shop.test", to: dan.email, subject: "delete me", text: "x" });
    await waitFor(async () => (await idsOn(replicas[1]!, dan)).includes(id), "indexed");
    expect((await on(replicas[0]!, dan).fetch("/api/v1/messages", jsonInit("DELETE", { IDs: [id] }))).status).toBe(200);
    expect(await idsOn(replicas[1]!, dan)).not.toContain(id);
  });

  it("tells a user's event stream on replica 2 that they read and deleted mail through replica 1, and nobody else", async () => {
    const [eve, fay] = await Promise.all(["eve", "fay"].map((n) => registerUser({ url: replicas[0]!.url } as TestApp, uniq(n))));
    const id = await deliver(mp.smtpPort, { from: "app@shop.test", to: [eve!.email, fay!.email], subject: "both", text: "x" });
    await waitFor(async () => (await idsOn(replicas[1]!, eve!)).includes(id) && (await idsOn(replicas[1]!, fay!)).includes(id), "indexed");
    const ctrl = new AbortController();
    const seen: Record<string, StreamedEvent[]> = { eve: [], fay: [] };
    for (const [name, u] of [
      ["eve", eve!],
      ["fay", fay!],
    ] as const) {
      const res = await on(replicas[1]!, u).fetch("/api/v1/events", { signal: ctrl.signal });
      void followEvents(res, (e) => seen[name]!.push(e));
    }
    await waitFor(() => seen.eve!.length > 0 && seen.fay!.length > 0, "the first stats");
    await on(replicas[0]!, eve!).fetch("/api/v1/messages", jsonInit("PUT", { IDs: [id], Read: true }));
    await on(replicas[0]!, eve!).fetch("/api/v1/messages", jsonInit("DELETE", { IDs: [id] }));
    const changes = () => seen.eve!.filter((e) => e.event === "changed").map((e) => JSON.parse(e.data) as unknown);
    await waitFor(() => changes().length === 2, "eve's changes on replica 2");
    expect(changes()).toEqual([
      { change: "read", IDs: [id] },
      { change: "deleted", IDs: [id] },
    ]);
    // Each change is followed by eve's counters; fay's stream hears nothing of eve's mailbox.
    await waitFor(() => seen.eve!.at(-1)!.event === "stats", "eve's counters after her changes");
    // The `new` of the delivery itself may still reach a stream opened after it was indexed.
    expect(seen.fay!.filter((e) => e.event === "changed")).toEqual([]);
    expect(seen.fay!.filter((e) => e.event === "new").every((e) => e.id === id)).toBe(true);
    expect(await idsOn(replicas[1]!, fay!)).toContain(id);
    ctrl.abort();
  });
});
