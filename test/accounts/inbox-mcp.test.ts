import { describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { connectMcp } from "../support/mcp.js";
import { useStack } from "../support/stack.js";
import { registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";

const stack = useStack({ SANDPIT_INBOX_DOMAIN: "agents.sandpit.test" });

describe("MCP create_inbox", () => {
  it("gives an agent a throwaway inbox whose token reads that inbox only", async () => {
    const agent = await registerUser(stack.app, uniq("agent"));
    const mine = await deliver(stack.app.server.smtp.port, { from: "app@shop.test", to: agent.email, subject: "agent's own", text: "x" });
    const mcp = await connectMcp(stack.app.url, agent.token);
    let made: { address: string; token: string; expiresAt: string };
    try {
      const r = await mcp.tool("create_inbox", { expires_in_minutes: 15, name: "signup" });
      expect(r.isError).toBeFalsy();
      made = r.structuredContent;
      expect(made.address).toMatch(/^signup-[0-9a-f]{12}@agents\.sandpit\.test$/);
      const bad = await mcp.tool("create_inbox", { expires_in_minutes: 0 });
      expect(bad.isError).toBe(true);
    } finally {
      await mcp.close();
    }
    const theirs = await deliver(stack.app.server.smtp.port, { from: "app@shop.test", to: made.address, subject: "confirm", text: "x" });
    const inbox = await connectMcp(stack.app.url, made.token);
    try {
      const listed = await waitFor(async () => {
        const r = await inbox.tool("list_messages", {});
        return r.structuredContent.messages.length > 0 && r;
      }, "the inbox's message");
      expect(listed.structuredContent.messages.map((m: { ID: string }) => m.ID)).toEqual([theirs]);
      const other = await inbox.tool("get_message", { id: mine });
      expect(other.isError).toBe(true);
      // The inbox's token cannot make inboxes itself (no manage scope).
      expect((await inbox.tool("create_inbox", { expires_in_minutes: 5 })).content[0]!.text).toContain("'manage' scope");
    } finally {
      await inbox.close();
    }
    expect((await agent.json("/api/v1/inboxes")).body.inboxes.map((i: { address: string }) => i.address)).toEqual([made.address]);
  });
});
