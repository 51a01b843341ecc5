import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { waitFor, type TestApp } from "../support/app.js";
import { followEvents } from "../support/events.js";
import { noDelaySocket } from "../support/mail.js";
import { startMailpit, type TestMailpit } from "../support/mailpit.js";
import { createDatabase } from "../support/postgres.js";
import { startReplica, type Replica } from "../support/replica.js";
import { asUser, registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

let mp: TestMailpit;
let replicas: Replica[] = [];
const BURST = 1_000;

beforeAll(async () => {
  mp = await startMailpit();
  const env = {
    SANDPIT_DATABASE_URL: await createDatabase(inject("pgAdminUrl"), `failover_${randomBytes(4).toString("hex")}`),
    MAILPIT_URL: mp.apiUrl,
    SANDPIT_RECONCILE_SECONDS: "1",
    SANDPIT_LEADER_RETRY_SECONDS: "1",
  };
  replicas = await Promise.all([startReplica(env), startReplica(env), startReplica(env)]);
  await Promise.all(replicas.map((r) => r.ready()));
});

afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await mp?.stop();
});

/** announced counts the `new` events a user's stream on one replica carries, per message ID. */
async function announced(r: Replica, u: TestUser): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const res = await asUser({ url: r.url } as TestApp, u.email, u.token).fetch("/api/v1/events");
  void followEvents(res, (e) => e.event === "new" && e.id && counts.set(e.id, (counts.get(e.id) ?? 0) + 1));
  return counts;
}

describe("the poller's lease moves when its holder dies", () => {
  it("ends a 1,000-message burst, its lease holder SIGKILLed midway, with every recipient owning exactly their mail, none announced twice", async () => {
    const states = await Promise.all(replicas.map((r) => r.ready()));
    const leader = replicas[states.findIndex((s) => s.leader)]!;
    const survivors = replicas.filter((r) => r !== leader);
    const users = await Promise.all(
      Array.from({ length: 8 }, (_, i) => registerUser({ url: survivors[0]!.url } as TestApp, uniq(`u${i}`))),
    );
    const streams = await Promise.all(users.map((u) => announced(survivors[1]!, u)));

    // Each message goes to one or two users; the expected mailbox of each user follows.
    const expected = new Map(users.map((u) => [u.email, new Set<string>()]));
    const transports = Array.from({ length: 4 }, () =>
      nodemailer.createTransport({
        host: "127.0.0.1",
        port: mp.smtpPort,
        pool: true,
        maxConnections: 1,
        ignoreTLS: true,
        getSocket: noDelaySocket(mp.smtpPort),
      } as nodemailer.TransportOptions),
    );
    let sent = 0;
    const send = async (t: nodemailer.Transporter, n: number) => {
      const to = [users[n % users.length]!, ...(n % 3 === 0 ? [users[(n + 3) % users.length]!] : [])];
      const info = await t.sendMail({ from: "app@shop.test", to: to.map((u) => u.email), subject: `burst ${n}`, text: "x" });
      const id = /queued as (\S+)/.exec(info.response)![1]!;
      for (const u of to) expected.get(u.email)!.add(id);
      sent += 1;
      if (sent === Math.floor(BURST / 3)) leader.child.kill("SIGKILL");
    };
    let next = 0;
    await Promise.all(
      transports.map(async (t) => {
        for (let n = next++; n < BURST; n = next++) await send(t, n);
      }),
    );
    transports.forEach((t) => t.close());
    expect(await leader.exited).toBe(null);

    for (const u of users) {
      const mine = [...expected.get(u.email)!].sort();
      await waitFor(
        async () => {
          const got = (
            (await asUser({ url: survivors[0]!.url } as TestApp, u.email, u.token).json("/api/v1/messages?limit=0")).body.messages as {
              ID: string;
            }[]
          ).map((m) => m.ID);
          return got.length === mine.length && [...got].sort().every((id, i) => id === mine[i]);
        },
        `${u.email}'s ${mine.length} messages, exactly`,
        30_000,
      );
    }
    const twice = streams.flatMap((s) => [...s.entries()].filter(([, n]) => n > 1));
    expect(twice).toEqual([]);
    const states2 = await Promise.all(survivors.map((r) => r.ready()));
    expect(states2.filter((s) => s.leader).length).toBe(1);
  }, 120_000);
});
