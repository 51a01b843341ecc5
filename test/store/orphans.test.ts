import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/store/index.js";
import { indexRow as row } from "../support/index-rows.js";
import { testDb } from "../support/test-store.js";

/** Messages every owner deleted, on the store the suites run on: what the poller's cleanup deletes upstream. */
let store: Store;
let alice: number;
let bob: number;

beforeAll(async () => {
  const db = await testDb("orphans");
  store = await openStore({ db });
  alice = (await store.users.insert({ email: "alice@example.test", name: "", passwordHash: null, isAdmin: false }))!.id;
  bob = (await store.users.insert({ email: "bob@example.test", name: "", passwordHash: null, isAdmin: false }))!.id;
});
afterAll(async () => store?.close());

const put = (id: string, to: string[]) => store.index.upsert(row(id, to), [...to.map((address) => ({ address, role: "to" as const }))]);

describe("messages every owner deleted", () => {
  it("are those whose every owner deleted them: not one an owner keeps, nor one nobody owns", async () => {
    await put("both-deleted", ["alice@example.test", "bob@example.test"]);
    await put("one-keeps", ["alice@example.test", "bob@example.test"]);
    await put("alice-only", ["alice@example.test"]);
    await put("nobody", ["stranger@example.test"]);
    expect(await store.index.orphans()).toEqual([]);
    await store.mailbox.markDeleted(alice, ["both-deleted", "one-keeps", "alice-only"]);
    expect((await store.index.orphans()).sort()).toEqual(["alice-only"]);
    await store.mailbox.markDeleted(bob, ["both-deleted"]);
    expect((await store.index.orphans()).sort()).toEqual(["alice-only", "both-deleted"]);
    // Once removed from the index they are no longer listed.
    await store.index.remove(["alice-only", "both-deleted"]);
    expect(await store.index.orphans()).toEqual([]);
  });
});
