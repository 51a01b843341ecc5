import { beforeAll, describe, expect, it } from "vitest";
import { mailpitIds } from "../support/mailpit.js";
import { useStack } from "../support/stack.js";
import { jsonInit, type TestUser } from "../support/users.js";
import { listIds, makeWorld, type World } from "../support/world.js";

const stack = useStack();
let w: World;
beforeAll(async () => {
  w = await makeWorld(stack.app, stack.mp);
});

const sorted = (a: string[]) => [...a].sort();

describe("isolation: GET /api/v1/messages", () => {
  it("shows each user exactly the mail they sent or received, with their own totals", async () => {
    const { ids } = w;
    expect(sorted(await listIds(w.alice))).toEqual(sorted([ids.toAliceCcBobBccCarol, ids.aliceToBobBccCarol]));
    expect(sorted(await listIds(w.bob))).toEqual(sorted([ids.toAliceCcBobBccCarol, ids.aliceToBobBccCarol, ids.bobOnly]));
    expect(sorted(await listIds(w.carol))).toEqual(sorted([ids.toAliceCcBobBccCarol, ids.aliceToBobBccCarol, ids.carolRich]));
    const bob = await w.bob.json("/api/v1/messages");
    expect(bob.body).toMatchObject({ total: 3, unread: 3, count: 3, messages_count: 3, messages_unread: 3, start: 0 });
  });

  it("never lists a message whose only recipient has not registered", async () => {
    for (const u of [w.alice, w.bob, w.carol]) expect(await listIds(u)).not.toContain(w.ids.daveOnly);
    expect(await mailpitIds(stack.mp)).toContain(w.ids.daveOnly);
  });

  it("keeps Mailpit's summary keys exactly", async () => {
    const r = await w.bob.json("/api/v1/messages");
    expect(Object.keys(r.body).sort()).toEqual([
      "count",
      "messages",
      "messages_count",
      "messages_unread",
      "start",
      "tags",
      "total",
      "unread",
    ]);
    expect(Object.keys(r.body.messages[0]).sort()).toEqual(
      [
        "Answered",
        "Attachments",
        "Bcc",
        "Cc",
        "Created",
        "Folder",
        "From",
        "ID",
        "MessageID",
        "Read",
        "ReplyTo",
        "Size",
        "Snippet",
        "Starred",
        "Subject",
        "Tags",
        "To",
        "Username",
      ].sort(),
    );
  });
});

describe("isolation: Bcc is private to the sender", () => {
  const bccOf = async (u: TestUser, id: string) =>
    ((await u.json("/api/v1/messages?limit=0")).body.messages as any[]).find((m) => m.ID === id).Bcc;

  it("shows the Bcc list to the sender only, in summaries", async () => {
    expect(await bccOf(w.alice, w.ids.aliceToBobBccCarol)).toEqual([{ Name: "", Address: w.carol.email }]);
    expect(await bccOf(w.bob, w.ids.aliceToBobBccCarol)).toEqual([]);
    expect(await bccOf(w.carol, w.ids.aliceToBobBccCarol)).toEqual([]);
  });

  it("hides Bcc in the message JSON for recipients", async () => {
    const asAlice = await w.alice.json(`/api/v1/message/${w.ids.aliceToBobBccCarol}`);
    expect(asAlice.body.Bcc).toEqual([{ Name: "", Address: w.carol.email }]);
    const asBob = await w.bob.json(`/api/v1/message/${w.ids.aliceToBobBccCarol}`);
    expect(asBob.status).toBe(200);
    expect(asBob.body.Bcc).toEqual([]);
  });

  it("removes Bcc and the Received `for` clause from headers and raw for everyone but the sender", async () => {
    // The SMTP message's sender is an stack.app, so nobody is its sender; carol was an envelope-only recipient.
    for (const u of [w.alice, w.bob]) {
      const headers = await u.json(`/api/v1/message/${w.ids.toAliceCcBobBccCarol}/headers`);
      expect(headers.status).toBe(200);
      expect(JSON.stringify(headers.body)).not.toContain(w.carol.email);
      expect(Object.keys(headers.body).map((k) => k.toLowerCase())).not.toContain("bcc");
      const raw = await (await u.fetch(`/api/v1/message/${w.ids.toAliceCcBobBccCarol}/raw`)).text();
      expect(raw).toContain("Your order 4711 has shipped.");
      expect(raw).toContain("Received:");
      expect(raw).not.toContain(w.carol.email);
    }
    const sendersRaw = await (await w.alice.fetch(`/api/v1/message/${w.ids.aliceToBobBccCarol}/raw`)).text();
    expect(sendersRaw).toMatch(new RegExp(`^Bcc: ${w.carol.email}`, "mi"));
    const bobsRaw = await (await w.bob.fetch(`/api/v1/message/${w.ids.aliceToBobBccCarol}/raw`)).text();
    expect(bobsRaw).not.toContain(w.carol.email);
  });

  it("does not let a recipient find a message by its Bcc address", async () => {
    const asBob = await w.bob.json(`/api/v1/search?query=${encodeURIComponent(w.carol.email)}`);
    expect(asBob.body.messages_count).toBe(0);
    const bccAsBob = await w.bob.json(`/api/v1/search?query=${encodeURIComponent(`bcc:${w.carol.email}`)}`);
    expect(bccAsBob.body.messages_count).toBe(0);
    const bccAsAlice = await w.alice.json(`/api/v1/search?query=${encodeURIComponent(`bcc:${w.carol.email}`)}`);
    expect(bccAsAlice.body.messages.map((m: any) => m.ID)).toEqual([w.ids.aliceToBobBccCarol]);
  });
});

describe("isolation: every single-message route answers 404 for a message that is not yours", () => {
  const routes = (id: string) => [
    `/api/v1/message/${id}`,
    `/api/v1/message/${id}/headers`,
    `/api/v1/message/${id}/raw`,
    `/api/v1/message/${id}/part/2`,
    `/api/v1/message/${id}/part/2/thumb`,
    `/api/v1/message/${id}/html-check`,
    `/api/v1/message/${id}/sa-check`,
    `/api/v1/message/${id}/draft?kind=reply-all`,
    `/api/v1/message/${id}/link-check`,
    `/view/${id}.html`,
    `/view/${id}.html?remote=0&inline=data`,
    `/view/${id}.txt`,
  ];

  it("answers exactly like a message that does not exist", async () => {
    const foreign = w.ids.carolRich;
    for (const path of routes(foreign)) {
      const notMine = await w.bob.json(path);
      const missing = await w.bob.json(path.replace(foreign, "AAAAAAAAAAAAAAAAAAAAAA"));
      expect([path, notMine.status]).toEqual([path, 404]);
      expect(notMine.body.error.code).toBe("NOT_FOUND");
      expect({ ...notMine.body.error, requestId: "" }).toEqual({ ...missing.body.error, requestId: "" });
    }
  });

  it("serves the same routes to the owner", async () => {
    const id = w.ids.carolRich;
    const msg = await w.carol.json(`/api/v1/message/${id}`);
    expect(msg.status).toBe(200);
    expect(msg.body.Attachments.map((a: any) => a.FileName)).toEqual(["chart.png"]);
    const partId = msg.body.Attachments[0].PartID;
    const part = await w.carol.fetch(`/api/v1/message/${id}/part/${partId}`);
    expect(part.status).toBe(200);
    expect(part.headers.get("content-type")).toBe("image/png");
    expect(
      Buffer.from(await part.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe("PNG");
    const thumb = await w.carol.fetch(`/api/v1/message/${id}/part/${partId}/thumb`);
    expect([thumb.status, thumb.headers.get("content-type")]).toEqual([200, "image/jpeg"]);
    const check = await w.carol.json(`/api/v1/message/${id}/html-check`);
    expect(check.status).toBe(200);
    expect(check.body).toHaveProperty("Total");
    // This Mailpit runs without SpamAssassin: its own answer, not "message not found".
    const sa = await w.carol.json(`/api/v1/message/${id}/sa-check`);
    expect([sa.status, sa.body.error.code]).toEqual([404, "NOT_FOUND"]);
    expect(sa.body.error.message).toMatch(/no spam checker.*--enable-spamassassin/);
    const inlined = await (await w.carol.fetch(`/view/${id}.html?inline=data`)).text();
    expect(inlined).toContain("data:image/png;base64,");
    expect(inlined).not.toContain(`/api/v1/message/${id}/part/`);
    const html = await w.carol.fetch(`/view/${id}.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-security-policy")).toContain("sandbox");
    expect(await html.text()).toContain("digest");
    const txt = await w.carol.fetch(`/view/${id}.txt`);
    expect(await txt.text()).toContain("plain digest");
  });

  it("does not let another user mark, delete or release it", async () => {
    const id = w.ids.carolRich;
    const readAsCarol = async () =>
      ((await w.carol.json("/api/v1/messages?limit=0")).body.messages as any[]).find((x) => x.ID === id)?.Read;
    const before = await readAsCarol();
    expect(typeof before).toBe("boolean");
    expect((await w.bob.fetch("/api/v1/messages", jsonInit("PUT", { IDs: [id], Read: !before }))).status).toBe(200);
    expect((await w.bob.fetch("/api/v1/messages", jsonInit("DELETE", { IDs: [id] }))).status).toBe(200);
    const release = await w.bob.json(`/api/v1/message/${id}/release`, jsonInit("POST", { To: [w.bob.email] }));
    expect([release.status, release.body.error.code]).toEqual([403, "ADMIN_ONLY"]);
    expect(await readAsCarol()).toBe(before);
    expect(await mailpitIds(stack.mp)).toContain(id);
  });
});

describe("isolation: latest", () => {
  it("resolves latest among the caller's own messages", async () => {
    const bobs = await w.bob.json("/api/v1/messages?limit=1");
    const latest = await w.bob.json("/api/v1/message/latest");
    expect(latest.body.ID).toBe(bobs.body.messages[0].ID);
    const carols = await w.carol.json("/api/v1/message/latest/headers");
    expect(carols.status).toBe(200);
    const view = await w.bob.fetch("/view/latest");
    expect(view.status).toBe(302);
    expect(view.headers.get("location")).toBe(`/view/${bobs.body.messages[0].ID}.html`);
  });
});

describe("isolation: counters, info and tags", () => {
  it("reports only my counts in /api/v1/info and hides instance details", async () => {
    const info = await w.alice.json("/api/v1/info");
    expect(info.status).toBe(200);
    expect(info.body.Messages).toBe((await listIds(w.alice)).length);
    expect(info.body.Database).toBe("");
    expect(info.body.RuntimeStats.SMTPAccepted).toBe(0);
  });

  it("refuses instance-wide operations to non-admins", async () => {
    for (const [method, path, body] of [
      ["GET", "/api/v1/chaos", undefined],
      ["PUT", "/api/v1/tags/x", { Name: "y" }],
      ["DELETE", "/api/v1/tags/x", undefined],
    ] as const) {
      const r = await w.alice.json(path, body ? jsonInit(method, body) : { method });
      expect([path, r.status, r.body.error.code]).toEqual([path, 403, "ADMIN_ONLY"]);
    }
  });

  it("denies unknown routes instead of proxying them", async () => {
    const r = await w.alice.json("/api/v1/metrics");
    expect([r.status, r.body.error.code]).toEqual([404, "NOT_FOUND"]);
    const upstreamOnly = await w.alice.json("/api/v1/swagger.json");
    expect(upstreamOnly.status).toBe(404);
  });
});
