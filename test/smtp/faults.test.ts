import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/mailpit/supervisor.js";
import { startApp, waitFor, type TestApp } from "../support/app.js";
import { burst, mailboxOf, recipientsOf, type BurstResult } from "../support/burst.js";
import { startMailpit, type TestMailpit } from "../support/mailpit.js";
import { startReplica, type Replica } from "../support/replica.js";
import { asUser, registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

const BURST = 2_000;
/** Sandpit restarts within the burst, so this one is shorter. */
const KILL_BURST = 600;
let mp: TestMailpit;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  mp = await startMailpit();
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await mp?.stop();
});

/** storedByMailpit lists what Mailpit holds of one burst: message number → Mailpit ID. */
async function storedByMailpit(tag: string): Promise<Map<number, string>> {
  const res = await fetch(`${mp.apiUrl}/api/v1/search?query=${encodeURIComponent(`subject:"${tag}"`)}&limit=${BURST * 2}`);
  const body = (await res.json()) as { messages: { ID: string; Subject: string }[] };
  return new Map(body.messages.map((m) => [Number(m.Subject.slice(tag.length + 1)), m.ID]));
}

/**
 * expectEnvelopeOwnership checks a burst's end state: every message Mailpit holds (each one
 * acknowledged with 250 among them) is owned by exactly its envelope recipients, envelope-only
 * ones included; no user holds a message twice or one that was not for them.
 */
async function expectEnvelopeOwnership(users: TestUser[], tag: string, result: BurstResult): Promise<void> {
  const stored = await storedByMailpit(tag);
  for (const [n, id] of result.acked) expect([n, stored.get(n)]).toEqual([n, id]);
  const expected = new Map(users.map((u) => [u.email, new Set<string>()]));
  for (const [n, id] of stored) {
    const { to, envelopeOnly } = recipientsOf(n, users);
    for (const u of [to, envelopeOnly]) if (u) expected.get(u.email)!.add(id);
  }
  const actual = async () =>
    Promise.all(users.map(async (u) => (await mailboxOf(u)).filter((m) => m.Subject.startsWith(`${tag} `)).map((m) => m.ID)));
  // The poller ties a message Mailpit stored but nobody acknowledged to its envelope: wait for it.
  await waitFor(async () => (await actual()).every((ids, i) => ids.length === expected.get(users[i]!.email)!.size), "every owner", 60_000);
  const final = await actual();
  users.forEach((u, i) => {
    expect(new Set(final[i]).size).toBe(final[i]!.length);
    expect([u.email, [...final[i]!].sort()]).toEqual([u.email, [...expected.get(u.email)!].sort()]);
  });
}

describe("nothing acknowledged is lost", () => {
  it("keeps every 250 of a 2,000-message burst over 4 connections owned by its envelope when Mailpit is killed midway", async () => {
    // Short upstream timeouts: while Mailpit is down, each message fails fast with 451.
    const app: TestApp = await startApp(mp, { SANDPIT_RECONCILE_SECONDS: "1", MAILPIT_TIMEOUT_MS: "2000" });
    stops.push(() => app.stop());
    const users = await Promise.all(Array.from({ length: 6 }, (_, i) => registerUser(app, uniq(`m${i}`))));
    const tag = uniq("mpkill");
    const result = await burst(app.server.smtp.port, users, {
      count: BURST,
      connections: 4,
      tag,
      // The supervisor restarts Mailpit on the same ports; meanwhile Sandpit answers 451.
      onProgress: (n) => {
        if (n === Math.floor(BURST / 3)) process.kill(mp.pid()!, "SIGKILL");
      },
    });
    expect(result.refused).toBeGreaterThan(0);
    expect(result.acked.size).toBeGreaterThan(BURST / 3);
    await expectEnvelopeOwnership(users, tag, result);
  }, 420_000);

  it("keeps every 250 of a 600-message burst owned by its envelope when Sandpit is SIGKILLed midway and restarted", async () => {
    const port = await freePort();
    const env = {
      MAILPIT_URL: mp.apiUrl,
      MAILPIT_SMTP: `127.0.0.1:${mp.smtpPort}`,
      SANDPIT_SMTP_PORT: String(port),
      SANDPIT_IMAP_PORT: "0",
      SANDPIT_POP3_PORT: "0",
      SANDPIT_RECONCILE_SECONDS: "1",
    };
    let replica: Replica = await startReplica(env);
    stops.push(() => replica.stop());
    await replica.ready();
    const app = { url: replica.url } as TestApp;
    const registered = await Promise.all(Array.from({ length: 6 }, (_, i) => registerUser(app, uniq(`k${i}`))));
    const tag = uniq("sandpitkill");
    let restarting: Promise<void> | undefined;
    const result = await burst(port, registered, {
      count: KILL_BURST,
      connections: 4,
      tag,
      // The other clients wait while Sandpit restarts, as apps that retry would.
      onProgress: async (n) => {
        if (n === Math.floor(KILL_BURST / 3)) {
          restarting = (async () => {
            replica.child.kill("SIGKILL");
            await replica.exited;
            replica = await startReplica({ ...env, SANDPIT_DATA_DIR: replica.dataDir });
            await replica.ready();
          })();
        }
        await restarting;
      },
    });
    expect(result.refused).toBeGreaterThan(0);
    expect(result.acked.size).toBeGreaterThan(KILL_BURST / 2);
    const users = registered.map((u) => asUser({ url: replica.url } as TestApp, u.email, u.token));
    await expectEnvelopeOwnership(users, tag, result);
  }, 420_000);
});
