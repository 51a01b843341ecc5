import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/store/index.js";
import { indexRow } from "../support/index-rows.js";
import { testDb } from "../support/test-store.js";

/** Many messages indexed at once (one write batch on either store), on the store the suites run on. */
let store: Store;
let alice: number;
let bob: number;

beforeAll(async () => {
  const db = await testDb("concurrent");
  store = await openStore({ db, auth: { plusAddressing: true } });
  alice = (await store.users.insert({ email: "alice@example.test", name: "", passwordHash: null, isAdmin: false }))!.id;
  bob = (await store.users.insert({ email: "bob@example.test", name: "", passwordHash: null, isAdmin: false }))!.id;
});
afterAll(async () => store?.close());

const to = (id: string, rcpts: string[], from = "app@x.test") =>
  store.index.upsert({ ...indexRow(id, rcpts), fromJson: JSON.stringify({ Name: "", Address: from }) }, [
    { address: from, role: "from" },
    ...rcpts.map((address) => ({ address, role: "to" as const })),
  ]);
const inbox = async (userId: number) => {
  const folder = (await store.folders.ofRole(userId, "inbox"))!;
  return (await store.mailbox.entries(userId, folder.id)).map((e) => [e.uid, e.id] as const).sort((a, b) => a[0] - b[0]);
};

describe("indexing many messages at once", () => {
  it("gives each its owners once, files them under distinct UIDs, and fails a bad message alone", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `m${String(i).padStart(2, "0")}`);
    const bad = { ...indexRow("bad", ["alice@example.test"]), subject: null as unknown as string };
    const results = await Promise.allSettled([
      ...ids.map((id, i) => to(id, i % 2 === 0 ? ["alice@example.test"] : ["bob@example.test", "alice+ci@example.test"])),
      store.index.upsert(bad, [{ address: "alice@example.test", role: "to" }]),
      // The same message twice at once, and mail from alice to bob (her Sent, his Inbox).
      to("again", ["bob@example.test"]),
      to("again", ["bob@example.test"]),
      to("sent", ["bob@example.test"], "alice@example.test"),
    ]);
    const [fails, oks] = [results.filter((r) => r.status === "rejected"), results.filter((r) => r.status === "fulfilled")];
    expect(fails).toHaveLength(1);
    expect(results[ids.length]!.status).toBe("rejected");
    const granted = oks.map((r) => (r as PromiseFulfilledResult<{ owners: number[]; added: number[] }>).value);
    expect(granted.slice(0, ids.length).map((g) => g.owners)).toEqual(ids.map((_, i) => (i % 2 === 0 ? [alice] : [alice, bob].sort())));
    expect(granted.slice(0, ids.length).map((g) => g.added)).toEqual(granted.slice(0, ids.length).map((g) => g.owners));
    // The message indexed twice at once is new to bob once.
    expect(
      granted
        .slice(ids.length, ids.length + 2)
        .map((g) => g.added.length)
        .sort(),
    ).toEqual([0, 1]);
    expect(granted[ids.length + 2]).toEqual({ owners: [alice, bob].sort(), added: [alice, bob].sort() });

    const aliceInbox = await inbox(alice);
    expect(aliceInbox.map(([, id]) => id).sort()).toEqual(ids);
    expect(aliceInbox.map(([uid]) => uid)).toEqual(ids.map((_, i) => i + 1));
    const bobInbox = await inbox(bob);
    expect(bobInbox.map(([, id]) => id).sort()).toEqual([...ids.filter((_, i) => i % 2 === 1), "again", "sent"].sort());
    expect(new Set(bobInbox.map(([uid]) => uid)).size).toBe(bobInbox.length);
    const sent = (await store.folders.ofRole(alice, "sent"))!;
    expect((await store.mailbox.entries(alice, sent.id)).map((e) => e.id)).toEqual(["sent"]);
    expect((await store.index.known(["bad", "m00"], 1)).has("bad")).toBe(false);

    // Indexed again, nothing is new to anyone and nothing moves.
    const replay = await Promise.all(
      ids.map((id, i) => to(id, i % 2 === 0 ? ["alice@example.test"] : ["bob@example.test", "alice+ci@example.test"])),
    );
    expect(replay.flatMap((g) => g.added)).toEqual([]);
    expect(await inbox(alice)).toEqual(aliceInbox);
  });
});
