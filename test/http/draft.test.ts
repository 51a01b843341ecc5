import { beforeAll, describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

const stack = useStack();
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let id: string;

beforeAll(async () => {
  [alice, bob, carol] = (await Promise.all(["alice", "bob", "carol"].map((n) => registerUser(stack.app, uniq(n))))) as [
    TestUser,
    TestUser,
    TestUser,
  ];
  const dave = uniq("dave");
  const sent = await alice.json(
    "/api/v1/send",
    jsonInit("POST", { To: [{ Email: bob.email }], Cc: [{ Email: dave }], Bcc: [carol.email], Subject: "lunch?", Text: "pizza?" }),
  );
  id = sent.body.ID;
});

describe("GET /api/v1/message/{ID}/draft", () => {
  it("drafts a reply to the sender, threaded under the original", async () => {
    const d = await bob.json(`/api/v1/message/${id}/draft?kind=reply`);
    expect(d.status).toBe(200);
    expect(d.body.To).toEqual([alice.email]);
    expect(d.body.Subject).toBe("Re: lunch?");
    const original = await bob.json(`/api/v1/message/${id}`);
    expect(d.body.Headers["In-Reply-To"]).toBe(`<${original.body.MessageID}>`);
  });

  it("drafts a reply to all that never names a Bcc recipient to someone who could not see them", async () => {
    const asBcc = await carol.json(`/api/v1/message/${id}/draft?kind=reply-all`);
    expect(asBcc.body.To).not.toContain(carol.email);
    const asBob = await bob.json(`/api/v1/message/${id}/draft?kind=reply-all`);
    expect(asBob.body.To).toEqual([alice.email, expect.stringMatching(/^dave-/)]);
    expect(JSON.stringify(asBob.body)).not.toContain(carol.email);
  });

  it("drafts a forward, and sends it as a reply would be sent", async () => {
    const d = await bob.json(`/api/v1/message/${id}/draft?kind=forward`);
    expect([d.body.To, d.body.Subject]).toEqual([[], "Fwd: lunch?"]);
    expect(d.body.Text).toContain("pizza?");
    const sent = await bob.json(
      "/api/v1/send",
      jsonInit("POST", { To: [{ Email: carol.email }], Subject: d.body.Subject, Text: d.body.Text, Headers: d.body.Headers }),
    );
    expect(sent.status).toBe(200);
    expect((await carol.json(`/api/v1/message/${sent.body.ID}`)).body.Subject).toBe("Fwd: lunch?");
  });

  it("refuses an unknown kind with 400 and a message that is not mine with 404", async () => {
    expect((await bob.json(`/api/v1/message/${id}/draft?kind=bounce`)).status).toBe(400);
    const stranger = await registerUser(stack.app, uniq("eve"));
    const r = await stranger.json(`/api/v1/message/${id}/draft`);
    expect([r.status, r.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });
});
