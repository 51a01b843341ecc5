import { describe, expect, it } from "vitest";
import { createArrivals } from "../../src/index/arrivals.js";
import type { MessageSummary } from "../../src/mailpit/schemas.js";

const summary = (ID: string, MessageID = `${ID}@x`) => ({ ID, MessageID, Subject: `subject of ${ID}` }) as MessageSummary;

describe("arrivals (the summary in Mailpit's `new` event, for the relay that stored the message)", () => {
  it("hands over a summary announced before the relay asks", async () => {
    const a = createArrivals();
    a.listening(true);
    a.heard(summary("early"));
    expect(await a.summaryOf("early", 1000)).toEqual(summary("early"));
  });

  it("waits for an announcement that comes after the relay asks", async () => {
    const a = createArrivals();
    a.listening(true);
    const waiting = a.summaryOf("late", 5000);
    setTimeout(() => a.heard(summary("late")), 20);
    expect(await waiting).toEqual(summary("late"));
  });

  it("gives up after the wait, and at once when no events are heard", async () => {
    const a = createArrivals();
    expect(await a.summaryOf("deaf", 5000)).toBeUndefined();
    a.listening(true);
    const started = Date.now();
    expect(await a.summaryOf("never", 30)).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    // An announcement after the wait ended is kept for a later ask, and wakes no stale waiter.
    a.heard(summary("never"));
    expect(await a.summaryOf("never", 0)).toEqual(summary("never"));
  });

  it("releases every waiter when the socket closes", async () => {
    const a = createArrivals();
    a.listening(true);
    const waiting = [a.summaryOf("x", 60_000), a.summaryOf("x", 60_000), a.summaryOf("y", 60_000)];
    a.listening(false);
    expect(await Promise.all(waiting)).toEqual([undefined, undefined, undefined]);
  });

  it("keeps only the most recent announcements", async () => {
    const a = createArrivals();
    for (let i = 0; i < 1100; i++) a.heard(summary(`m${i}`));
    expect(await a.summaryOf("m0", 0)).toBeUndefined();
    expect(await a.summaryOf("m1099", 0)).toEqual(summary("m1099"));
  });

  it("holds the announcement of a Message-ID being relayed until its relays are over, and says whether one indexed it", async () => {
    const a = createArrivals();
    expect(a.held(summary("a", "mid@x"))).toBeUndefined();
    const first = a.expect("mid@x");
    const second = a.expect("mid@x");
    const b = a.held(summary("b", "mid@x"));
    const c = a.held(summary("c", "mid@x"));
    expect(a.held(summary("d", "other@x"))).toBeUndefined();
    let settled = false;
    void b!.then(() => (settled = true));
    // The first relay indexed b; b still waits, for c may be the second's.
    first("b");
    await Promise.resolve();
    expect(settled).toBe(false);
    // The second failed: b was indexed by a relay, c was not (its event indexes it), and the Message-ID is no longer held.
    second(undefined);
    expect([await b, await c]).toEqual([true, false]);
    expect(a.held(summary("e", "mid@x"))).toBeUndefined();
  });
});
