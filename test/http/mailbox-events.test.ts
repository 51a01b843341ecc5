import { describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { followEvents, type StreamedEvent } from "../support/events.js";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

const stack = useStack();

/** newIds records the IDs of every `new` event on a user's stream, duplicates included. */
async function newIds(user: TestUser): Promise<{ ids: string[]; stop(): void }> {
  const ctrl = new AbortController();
  const res = await user.fetch("/api/v1/events", { signal: ctrl.signal });
  const ids: string[] = [];
  void followEvents(res, (e) => e.event === "new" && e.id && ids.push(e.id));
  return { ids, stop: () => ctrl.abort() };
}

describe("mailbox events", () => {
  it("carries each message sent through /api/v1/send once on every owner's stream, though the send path and Mailpit's event both index it", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const [a, b] = [await newIds(alice), await newIds(bob)];
    const sent: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await alice.json("/api/v1/send", jsonInit("POST", { To: [{ Email: bob.email }], Subject: `once ${i}`, Text: "x" }));
      sent.push(r.body.ID);
    }
    await waitFor(() => sent.every((id) => b.ids.includes(id)), "bob's events");
    // Give Mailpit's `new` events and a reconcile (every 2 s here) the time to index them again.
    await stack.app.server.poller.reconcile(false);
    await new Promise((r) => setTimeout(r, 1500));
    expect([...b.ids].sort()).toEqual([...sent].sort());
    expect(a.ids.filter((id) => sent.includes(id)).length).toBeLessThanOrEqual(sent.length);
    expect(new Set(a.ids).size).toBe(a.ids.length);
    a.stop();
    b.stop();
  });

  it("tells every open view of my mailbox when I read, unread, delete, star or move mail, and tells nobody else", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await alice.json("/api/v1/send", jsonInit("POST", { To: [{ Email: bob.email }], Subject: `view ${i}`, Text: "x" }));
      ids.push(r.body.ID);
    }
    const ctrl = new AbortController();
    const seen = { alice: [] as StreamedEvent[], bob: [] as StreamedEvent[] };
    void followEvents(await alice.fetch("/api/v1/events", { signal: ctrl.signal }), (e) => seen.alice.push(e));
    void followEvents(await bob.fetch("/api/v1/events", { signal: ctrl.signal }), (e) => seen.bob.push(e));
    await waitFor(() => seen.alice.length > 0 && seen.bob.length > 0, "the first stats");
    await bob.fetch("/api/v1/messages", jsonInit("PUT", { IDs: ids, Read: true }));
    await bob.fetch("/api/v1/messages", jsonInit("PUT", { Read: false }));
    await bob.fetch("/api/v1/messages", jsonInit("DELETE", { IDs: [ids[0]] }));
    await bob.fetch("/api/v1/messages", jsonInit("PUT", { IDs: [ids[1]], Starred: true }));
    await bob.fetch("/api/v1/messages", jsonInit("PUT", { IDs: [ids[1]], Folder: "Archive" }));
    const changes = () =>
      seen.bob
        .filter((e) => e.event === "changed")
        .map((e) => JSON.parse(e.data) as { change: string; IDs: string[] | null })
        .map((c) => ({ ...c, IDs: c.IDs && [...c.IDs].sort() }));
    await waitFor(() => changes().length === 5, "bob's five changes");
    expect(changes()).toEqual([
      { change: "read", IDs: [...ids].sort() },
      { change: "unread", IDs: [...ids].sort() },
      { change: "deleted", IDs: [ids[0]] },
      { change: "starred", IDs: [ids[1]] },
      { change: "moved", IDs: [ids[1]] },
    ]);
    await waitFor(() => seen.bob.at(-1)?.event === "stats", "bob's counters");
    expect(JSON.parse(seen.bob.at(-1)!.data)).toEqual({ total: 1, unread: 1 });
    // Alice sent both messages and keeps them: bob's changes are his alone. Her stream may still
    // carry the `new` of her own sends (on PostgreSQL the announcement travels by NOTIFY and can
    // land after /send answered and her stream opened), never anything of bob's.
    expect(seen.alice.filter((e) => e.event === "changed")).toEqual([]);
    expect(seen.alice.filter((e) => e.event === "new").every((e) => ids.includes(e.id!))).toBe(true);
    expect((await alice.json("/api/v1/messages")).body.messages.map((m: { ID: string }) => m.ID)).toEqual(expect.arrayContaining(ids));
    ctrl.abort();
  });
});
