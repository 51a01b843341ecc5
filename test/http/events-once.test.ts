import { describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { followEvents } from "../support/events.js";
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

describe("a message is announced once", () => {
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
});
