import { describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser, type TestUser } from "../support/users.js";
import { listIds, makeWorld, uniq } from "../support/world.js";

const stack = useStack();

const folders = async (u: TestUser) =>
  Object.fromEntries(((await u.json("/api/v1/folders")).body.folders as any[]).map((f) => [f.name, f]));
const idsIn = async (u: TestUser, folder: string) =>
  ((await u.json(`/api/v1/messages?limit=0&folder=${encodeURIComponent(folder)}`)).body.messages as any[]).map((m) => m.ID);
/** put is Mailpit's PUT /api/v1/messages: "ok" as text, or a JSON error. */
const put = async (u: TestUser, body: unknown) => {
  const res = await u.fetch("/api/v1/messages", jsonInit("PUT", body));
  const text = await res.text();
  return { status: res.status, body: res.status === 200 ? text : JSON.parse(text) };
};
const summary = async (u: TestUser, id: string) =>
  ((await u.json("/api/v1/messages?limit=0")).body.messages as any[]).find((m) => m.ID === id);

describe("folders", () => {
  it("gives every user the system folders, with my received mail in Inbox and my sent mail in Sent", async () => {
    const w = await makeWorld(stack.app, stack.mp);
    const r = await w.alice.json("/api/v1/folders");
    expect(r.status).toBe(200);
    expect(r.body.folders.map((f: any) => [f.name, f.role])).toEqual([
      ["Inbox", "inbox"],
      ["Drafts", "drafts"],
      ["Sent", "sent"],
      ["Archive", "archive"],
      ["Junk", "junk"],
      ["Trash", "trash"],
    ]);
    const f = await folders(w.alice);
    expect([f.Inbox.total, f.Inbox.unread, f.Sent.total, f.Trash.total]).toEqual([1, 1, 1, 0]);
    expect(await idsIn(w.alice, "Inbox")).toEqual([w.ids.toAliceCcBobBccCarol]);
    expect(await idsIn(w.alice, "sent")).toEqual([w.ids.aliceToBobBccCarol]);
    // bob received alice's message: for him it is in Inbox.
    expect((await summary(w.bob, w.ids.aliceToBobBccCarol)).Folder).toBe("Inbox");
    expect((await summary(w.alice, w.ids.aliceToBobBccCarol)).Folder).toBe("Sent");
  });

  it("puts mail I sent to myself in Inbox and in Sent, and lists it once", async () => {
    const me = await registerUser(stack.app, uniq("self"));
    const sent = await me.json("/api/v1/send", jsonInit("POST", { To: [{ Email: me.email }], Subject: "note to self", Text: "x" }));
    expect(sent.status).toBe(200);
    expect(await idsIn(me, "Inbox")).toEqual([sent.body.ID]);
    expect(await idsIn(me, "Sent")).toEqual([sent.body.ID]);
    expect(await listIds(me)).toEqual([sent.body.ID]);
    const inSent = (await me.json("/api/v1/messages?folder=Sent")).body;
    expect([inSent.messages[0].Folder, inSent.messages_count]).toEqual(["Sent", 1]);
  });

  it("moves a message for me only; Trash leaves the plain list but stays readable until deleted", async () => {
    const w = await makeWorld(stack.app, stack.mp);
    const id = w.ids.toAliceCcBobBccCarol;
    expect(await put(w.alice, { IDs: [id], Folder: "Archive" })).toEqual({ status: 200, body: "ok" });
    expect(await idsIn(w.alice, "Archive")).toEqual([id]);
    expect(await idsIn(w.alice, "Inbox")).toEqual([]);
    expect((await summary(w.alice, id)).Folder).toBe("Archive");
    expect((await summary(w.bob, id)).Folder).toBe("Inbox");
    expect((await w.alice.json("/api/v1/search?query=in:archive")).body.messages.map((m: any) => m.ID)).toEqual([id]);
    expect((await w.alice.json("/api/v1/search?query=-in:archive")).body.messages.map((m: any) => m.ID)).not.toContain(id);
    expect((await w.alice.json("/api/v1/search?query=in:nowhere")).body.messages_count).toBe(0);

    await put(w.alice, { IDs: [id], Folder: "Trash" });
    const plain = (await w.alice.json("/api/v1/messages")).body;
    expect(plain.messages.map((m: any) => m.ID)).not.toContain(id);
    expect(plain.total).toBe(1);
    expect(await idsIn(w.alice, "Trash")).toEqual([id]);
    expect((await w.alice.json(`/api/v1/message/${id}`)).status).toBe(200);
    expect((await w.alice.fetch("/api/v1/messages", jsonInit("DELETE", { IDs: [id] }))).status).toBe(200);
    expect(await idsIn(w.alice, "Trash")).toEqual([]);
    expect((await w.alice.json(`/api/v1/message/${id}`)).status).toBe(404);
    expect(await listIds(w.bob)).toContain(id);
  });

  it("stars for me only, and finds my starred mail with is:starred", async () => {
    const w = await makeWorld(stack.app, stack.mp);
    const id = w.ids.aliceToBobBccCarol;
    await put(w.bob, { IDs: [id], Starred: true });
    expect((await summary(w.bob, id)).Starred).toBe(true);
    expect((await summary(w.alice, id)).Starred).toBe(false);
    expect((await w.bob.json("/api/v1/search?query=is:starred")).body.messages.map((m: any) => m.ID)).toEqual([id]);
    expect((await w.alice.json("/api/v1/search?query=is:starred")).body.messages_count).toBe(0);
    await put(w.bob, { Search: "is:starred", Starred: false });
    expect((await summary(w.bob, id)).Starred).toBe(false);
  });

  it("creates, nests, renames and removes folders of mine", async () => {
    const me = await registerUser(stack.app, uniq("folders"));
    const created = await me.json("/api/v1/folders", jsonInit("POST", { name: " Projects " }));
    expect(created).toEqual({ status: 201, body: { name: "Projects", role: null, total: 0, unread: 0 } });
    expect((await me.json("/api/v1/folders", jsonInit("POST", { name: "Projects/Alpha" }))).status).toBe(201);
    const dup = await me.json("/api/v1/folders", jsonInit("POST", { name: "projects" }));
    expect([dup.status, dup.body.error.code]).toEqual([409, "FOLDER_EXISTS"]);

    const renamed = await me.json("/api/v1/folders/Projects", jsonInit("PATCH", { name: "Work" }));
    expect([renamed.status, renamed.body.name]).toEqual([200, "Work"]);
    expect(Object.keys(await folders(me))).toEqual(["Inbox", "Drafts", "Sent", "Archive", "Junk", "Trash", "Work", "Work/Alpha"]);

    const sent = await me.json("/api/v1/send", jsonInit("POST", { To: [{ Email: me.email }], Subject: "file me", Text: "x" }));
    await put(me, { IDs: [sent.body.ID], Folder: "work/alpha" });
    expect(await idsIn(me, "Work/Alpha")).toEqual([sent.body.ID]);
    const full = await me.fetch(`/api/v1/folders/${encodeURIComponent("Work/Alpha")}`, { method: "DELETE" });
    expect([full.status, ((await full.json()) as any).error.code]).toEqual([409, "FOLDER_NOT_EMPTY"]);
    const parent = await me.json("/api/v1/folders/Work", { method: "DELETE" });
    expect([parent.status, parent.body.error.code]).toEqual([409, "FOLDER_NOT_EMPTY"]);
    await put(me, { IDs: [sent.body.ID], Folder: "Inbox" });
    expect((await me.fetch("/api/v1/folders/Work/Alpha", { method: "DELETE" })).status).toBe(200);
    expect((await me.fetch("/api/v1/folders/Work", { method: "DELETE" })).status).toBe(200);
    expect(Object.keys(await folders(me))).not.toContain("Work");
  });

  it("refuses bad names, system folders, unknown folders and ambiguous bodies with clear errors", async () => {
    const me = await registerUser(stack.app, uniq("bad"));
    for (const name of ["", "a//b", "/a", "Inbox", "trash", "x*", "a".repeat(201)]) {
      const r = await me.json("/api/v1/folders", jsonInit("POST", { name }));
      expect([name, r.status, r.body.error.code]).toEqual([name, 400, "BAD_REQUEST"]);
    }
    expect((await me.json("/api/v1/folders", jsonInit("POST", { name: "x", extra: 1 }))).status).toBe(400);
    const sys = await me.json("/api/v1/folders/Inbox", jsonInit("PATCH", { name: "Other" }));
    expect([sys.status, sys.body.error.message]).toEqual([400, expect.stringContaining("system folder")]);
    expect((await me.json("/api/v1/folders/Sent", { method: "DELETE" })).status).toBe(400);
    expect((await me.json("/api/v1/folders/Nope", { method: "DELETE" })).body.error.code).toBe("NOT_FOUND");
    expect((await me.json("/api/v1/messages?folder=Nope")).status).toBe(404);
    expect((await put(me, { IDs: ["x"], Folder: "Nope" })).status).toBe(404);
    expect((await put(me, { IDs: ["x"], Folder: "Archive", Read: true })).status).toBe(400);
    expect((await put(me, { Folder: "Archive" })).body.error.message).toContain("IDs or Search");
    expect((await put(me, { IDs: ["x"], folder: "Archive" })).status).toBe(400);
  });

  it("keeps folders apart: bob cannot see, count, move or star into alice's mailbox", async () => {
    const w = await makeWorld(stack.app, stack.mp);
    await w.alice.json("/api/v1/folders", jsonInit("POST", { name: "Secret" }));
    await put(w.alice, { IDs: [w.ids.toAliceCcBobBccCarol], Folder: "Secret" });
    expect(Object.keys(await folders(w.bob))).not.toContain("Secret");
    expect((await w.bob.json("/api/v1/messages?folder=Secret")).status).toBe(404);
    expect((await w.bob.json("/api/v1/search?query=in:Secret")).body.messages_count).toBe(0);
    // bob names carol's own message (not his): nothing happens to anyone's copy.
    await put(w.bob, { IDs: [w.ids.carolRich], Folder: "Archive" });
    await put(w.bob, { IDs: [w.ids.carolRich], Starred: true });
    expect(await idsIn(w.bob, "Archive")).toEqual([]);
    expect(await summary(w.carol, w.ids.carolRich)).toMatchObject({ Folder: "Inbox", Starred: false });
    // bob may have a folder of the same name: it is his own.
    expect((await w.bob.json("/api/v1/folders", jsonInit("POST", { name: "Secret" }))).status).toBe(201);
    expect((await folders(w.bob)).Secret.total).toBe(0);
    expect((await folders(w.alice)).Secret.total).toBe(1);
  });
});
