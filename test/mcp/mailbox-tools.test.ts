import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectMcp, type ToolResult } from "../support/mcp.js";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser, type TestUser } from "../support/users.js";
import { listIds, uniq } from "../support/world.js";

const stack = useStack();
let alice: TestUser;
let bob: TestUser;
type Agent = Awaited<ReturnType<typeof connectMcp>>;
let agentA: Agent;
let agentB: Agent;
let fromBob: string;

const call = (c: Agent, name: string, args: Record<string, unknown> = {}) => c.tool(name, args);
const ids = (r: ToolResult) => (r.structuredContent.messages as { ID: string }[]).map((m) => m.ID);

beforeAll(async () => {
  alice = await registerUser(stack.app, uniq("alice"));
  bob = await registerUser(stack.app, uniq("bob"));
  [agentA, agentB] = [await connectMcp(stack.app.url, alice.token), await connectMcp(stack.app.url, bob.token)];
  fromBob = (
    await bob.json("/api/v1/send", jsonInit("POST", { To: [{ Email: alice.email }], Subject: "status?", Text: "how is it going" }))
  ).body.ID;
});
afterAll(async () => {
  await agentA?.close();
  await agentB?.close();
});

describe("MCP mailbox tools", () => {
  it("moves and stars my messages, and lists and searches one folder", async () => {
    const moved = await call(agentA, "move_messages", { ids: [fromBob], folder: "Archive" });
    expect(moved.structuredContent).toEqual({ moved: 1, folder: "Archive" });
    expect(ids(await call(agentA, "list_messages", { folder: "Archive" }))).toEqual([fromBob]);
    expect(ids(await call(agentA, "list_messages", { folder: "Inbox" }))).toEqual([]);
    expect((await call(agentA, "star_messages", { ids: [fromBob] })).structuredContent).toEqual({ changed: 1, starred: true });
    expect(ids(await call(agentA, "search_messages", { query: "is:starred", folder: "Archive" }))).toEqual([fromBob]);
    const unknown = await call(agentA, "list_messages", { folder: "Nowhere" });
    expect([unknown.isError, unknown.content[0]!.text]).toEqual([true, 'NOT_FOUND: you have no folder named "Nowhere"']);
    // bob's copy is untouched.
    const bobs = (await call(agentB, "list_messages", { folder: "Sent" })).structuredContent.messages[0];
    expect([bobs.ID, bobs.Folder, bobs.Starred]).toEqual([fromBob, "Sent", false]);
  });

  it("drafts a reply, updates it under a new ID, and sends it from my address", async () => {
    const created = await call(agentA, "create_draft", { message_id: fromBob, kind: "reply", text: "going well" });
    const first = created.structuredContent.ID as string;
    expect(ids(await call(agentA, "list_messages", { folder: "Drafts" }))).toEqual([first]);
    expect(await listIds(bob)).toEqual([fromBob]);
    const updated = await call(agentA, "update_draft", { id: first, to: [bob.email], subject: "Re: status?", text: "going very well" });
    const second = updated.structuredContent.ID as string;
    expect(second).not.toBe(first);
    const sent = await call(agentA, "send_draft", { id: second });
    expect(sent.isError).toBeFalsy();
    const forBob = (await bob.json(`/api/v1/message/${sent.structuredContent.ID}`)).body;
    expect([forBob.Subject, forBob.From.Address, forBob.Text.trim()]).toEqual(["Re: status?", alice.email, "going very well"]);
    expect(ids(await call(agentA, "list_messages", { folder: "Drafts" }))).toEqual([]);
    expect(ids(await call(agentA, "search_messages", { query: "is:answered" }))).toEqual([fromBob]);
  });

  it("keeps drafts and folders apart: bob's agent can neither see, move, star, update nor send alice's", async () => {
    const draft = (await call(agentA, "create_draft", { to: [bob.email], subject: "secret plan" })).structuredContent.ID as string;
    expect(ids(await call(agentB, "list_messages", { folder: "Drafts" }))).toEqual([]);
    expect((await call(agentB, "search_messages", { query: "secret" })).structuredContent.messages_count).toBe(0);
    for (const [name, args] of [
      ["send_draft", { id: draft }],
      ["update_draft", { id: draft, subject: "mine now" }],
    ] as const) {
      const r = await call(agentB, name, args);
      expect([name, r.isError, r.content[0]!.text]).toEqual([name, true, "NOT_FOUND: draft not found"]);
    }
    expect((await call(agentB, "move_messages", { ids: [draft], folder: "Trash" })).structuredContent.moved).toBe(0);
    expect((await call(agentB, "star_messages", { ids: [draft] })).structuredContent.changed).toBe(0);
    expect(ids(await call(agentA, "list_messages", { folder: "Drafts" }))).toEqual([draft]);
    const mine = (await call(agentA, "list_messages", { folder: "Drafts" })).structuredContent.messages[0];
    expect([mine.Starred, mine.Folder]).toEqual([false, "Drafts"]);
  });
});
