import { describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser, type TestUser } from "../support/users.js";
import { listIds, uniq } from "../support/world.js";

const stack = useStack();

const idsIn = async (u: TestUser, folder: string) =>
  ((await u.json(`/api/v1/messages?limit=0&folder=${folder}`)).body.messages as any[]).map((m) => m.ID);
const three = () => Promise.all([uniq("alice"), uniq("bob"), uniq("carol")].map((e) => registerUser(stack.app, e)));

describe("drafts", () => {
  it("keeps a draft mine alone until sent: nobody it names sees or counts it", async () => {
    const [alice, bob, carol] = await three();
    const created = await alice!.json(
      "/api/v1/drafts",
      jsonInit("POST", { To: [{ Email: bob!.email, Name: "Bob" }], Bcc: [carol!.email], Subject: "plan", Text: "draft one" }),
    );
    expect(created.status).toBe(201);
    const id = created.body.ID as string;
    expect(await idsIn(alice!, "Drafts")).toEqual([id]);
    // A draft is not in Mailpit clients' plain list, and not new mail.
    expect(await listIds(alice!)).toEqual([]);
    const summary = (await alice!.json("/api/v1/messages?folder=Drafts")).body.messages[0];
    expect([summary.Folder, summary.Subject]).toEqual(["Drafts", "plan"]);
    for (const other of [bob!, carol!]) {
      expect(await listIds(other)).toEqual([]);
      expect((await other.json(`/api/v1/message/${id}`)).status).toBe(404);
      expect((await other.json(`/api/v1/drafts/${id}`)).status).toBe(404);
      expect((await other.json(`/api/v1/drafts/${id}/send`, { method: "POST" })).status).toBe(404);
      expect((await other.json(`/api/v1/drafts/${id}`, { method: "DELETE" })).status).toBe(404);
    }

    const draft = await alice!.json(`/api/v1/drafts/${id}`);
    expect(draft.body).toMatchObject({ ID: id, To: [{ Email: bob!.email, Name: "Bob" }], Bcc: [carol!.email], Subject: "plan" });
    expect(draft.body.Text.trim()).toBe("draft one");
    expect(draft.body.From.Email).toBe(alice!.email);
  });

  it("saves a new version under a new ID, then sends it through the submission path and removes it", async () => {
    const [alice, bob, carol] = await three();
    const first = (await alice!.json("/api/v1/drafts", jsonInit("POST", { Subject: "no one yet", Text: "v1" }))).body.ID;
    const noRcpt = await alice!.json(`/api/v1/drafts/${first}/send`, { method: "POST" });
    expect([noRcpt.status, noRcpt.body.error.message]).toEqual([400, expect.stringContaining("no recipient")]);

    const saved = await alice!.json(
      `/api/v1/drafts/${first}`,
      jsonInit("PUT", { To: [{ Email: bob!.email }], Bcc: [carol!.email], Subject: "final", Text: "v2" }),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.ID).not.toBe(first);
    expect(await idsIn(alice!, "Drafts")).toEqual([saved.body.ID]);
    expect((await alice!.json(`/api/v1/drafts/${first}`)).status).toBe(404);

    const sent = await alice!.json(`/api/v1/drafts/${saved.body.ID}/send`, { method: "POST" });
    expect(sent.status).toBe(200);
    expect(await idsIn(alice!, "Drafts")).toEqual([]);
    expect(await idsIn(alice!, "Sent")).toEqual([sent.body.ID]);
    expect(await listIds(bob!)).toEqual([sent.body.ID]);
    expect(await listIds(carol!)).toEqual([sent.body.ID]);
    const forBob = (await bob!.json(`/api/v1/message/${sent.body.ID}`)).body;
    expect([forBob.Subject, forBob.Bcc, forBob.From.Address]).toEqual(["final", [], alice!.email]);
    const forAlice = (await alice!.json(`/api/v1/message/${sent.body.ID}`)).body;
    expect(forAlice.Bcc.map((a: any) => a.Address)).toEqual([carol!.email]);
  });

  it("marks what I answer as Answered, for me only", async () => {
    const [alice, bob] = await three();
    const original = (await bob!.json("/api/v1/send", jsonInit("POST", { To: [{ Email: alice!.email }], Subject: "question", Text: "?" })))
      .body.ID;
    const reply = (await alice!.json(`/api/v1/message/${original}/draft?kind=reply`)).body;
    const draft = (await alice!.json("/api/v1/drafts", jsonInit("POST", { ...reply, To: reply.To.map((e: string) => ({ Email: e })) })))
      .body.ID;
    expect((await alice!.json(`/api/v1/drafts/${draft}`)).body.Headers["In-Reply-To"]).toContain("@");
    await alice!.json(`/api/v1/drafts/${draft}/send`, { method: "POST" });
    const answered = async (u: TestUser) =>
      ((await u.json("/api/v1/messages")).body.messages as any[]).find((m) => m.ID === original).Answered;
    expect(await answered(alice!)).toBe(true);
    expect(await answered(bob!)).toBe(false);
    expect((await alice!.json("/api/v1/search?query=is:answered")).body.messages.map((m: any) => m.ID)).toEqual([original]);
  });

  it("refuses a draft from someone else's address, and bad bodies, with clear errors", async () => {
    const [alice, bob] = await three();
    const spoof = await alice!.json("/api/v1/drafts", jsonInit("POST", { From: { Email: bob!.email }, Subject: "x" }));
    expect([spoof.status, spoof.body.error.code]).toEqual([403, "SENDER_FORBIDDEN"]);
    expect((await alice!.json("/api/v1/drafts", jsonInit("POST", { Subject: "x", Extra: 1 }))).status).toBe(400);
    expect((await alice!.json("/api/v1/drafts", jsonInit("POST", { To: [{ Email: "not an address" }] }))).status).toBe(400);
    // A message of mine that is not a draft is not a draft.
    const sent = (await alice!.json("/api/v1/send", jsonInit("POST", { To: [{ Email: bob!.email }], Text: "x" }))).body.ID;
    expect((await alice!.json(`/api/v1/drafts/${sent}`)).status).toBe(404);
    expect((await alice!.json(`/api/v1/drafts/${sent}`, jsonInit("PUT", { Subject: "y" }))).status).toBe(404);
  });
});
