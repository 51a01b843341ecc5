import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { registerUser, type TestUser } from "../support/users.js";
import { listIds, uniq } from "../support/world.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const stack = useStack();
let alice: TestUser;
let bob: TestUser;
let bobsMail: string;
const clients: Client[] = [];

/** spawnAgent starts the real stdio entry, `npm run -s mcp`, as a desktop agent would. */
async function spawnAgent(env: Record<string, string>): Promise<Client> {
  const transport = new StdioClientTransport({
    command: "npm",
    args: ["run", "-s", "mcp"],
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", SANDPIT_URL: stack.app.url, ...env },
    stderr: "pipe",
  });
  const client = new Client({ name: "stdio-test", version: "1.0.0" });
  await client.connect(transport);
  clients.push(client);
  return client;
}
type ToolResult = { isError?: boolean; structuredContent?: any; content: { text: string }[] };

beforeAll(async () => {
  alice = await registerUser(stack.app, uniq("alice"));
  bob = await registerUser(stack.app, uniq("bob"));
  bobsMail = await deliver(stack.mp.smtpPort, { from: "app@x.test", to: bob.email, subject: "bob's secret", text: "code 123456" });
  await waitFor(async () => (await listIds(bob)).includes(bobsMail), "indexed");
});
afterAll(async () => {
  for (const c of clients) await c.close();
});

describe("MCP over stdio (npm run mcp)", () => {
  it("bridges to /mcp as SANDPIT_TOKEN's user, and waits for mail with progress", async () => {
    const agent = await spawnAgent({ SANDPIT_TOKEN: alice.token });
    expect((await agent.listTools()).tools).toHaveLength(17);
    const who = (await agent.callTool({ name: "whoami", arguments: {} })) as ToolResult;
    expect(who.structuredContent.email).toBe(alice.email);
    const since = new Date().toISOString();
    const progress: number[] = [];
    const waiting = agent.callTool(
      { name: "wait_for_message", arguments: { subject: "stdio hello", since, timeout_seconds: 20 } },
      undefined,
      {
        onprogress: (p) => progress.push(p.progress),
      },
    ) as Promise<ToolResult>;
    // Progress notifications travel through the bridge while the wait runs behind /mcp.
    await waitFor(async () => progress.length > 0, "a progress notification");
    const id = await deliver(stack.mp.smtpPort, { from: "app@x.test", to: alice.email, subject: "stdio hello", text: "Your code: 246810" });
    expect((await waiting).structuredContent.ID).toBe(id);
    const codes = (await agent.callTool({ name: "extract_codes", arguments: { id } })) as ToolResult;
    expect(codes.structuredContent.codes[0].code).toBe("246810");
  });

  it("cannot read, extract from or delete another user's mail", async () => {
    const agent = await spawnAgent({ SANDPIT_TOKEN: alice.token });
    for (const name of ["get_message", "extract_codes", "extract_links"]) {
      const r = (await agent.callTool({ name, arguments: { id: bobsMail } })) as ToolResult;
      expect([name, r.isError, r.content[0]!.text]).toEqual([name, true, "NOT_FOUND: message not found"]);
    }
    await agent.callTool({ name: "delete_messages", arguments: { ids: [bobsMail] } });
    expect(await listIds(bob)).toContain(bobsMail);
    const spoof = (await agent.callTool({ name: "send_email", arguments: { from: bob.email, to: [bob.email] } })) as ToolResult;
    expect(spoof.content[0]!.text).toMatch(/^SENDER_FORBIDDEN/);
  });

  it("refuses to start without SANDPIT_TOKEN, and answers a bad token with UNAUTHORIZED", async () => {
    await expect(spawnAgent({})).rejects.toThrow();
    await expect(spawnAgent({ SANDPIT_TOKEN: "sp_bad" })).rejects.toThrow(/UNAUTHORIZED/);
  });

  it("ignores a tool's access_token: the bridge's token decides who the agent is", async () => {
    const agent = await spawnAgent({ SANDPIT_TOKEN: alice.token });
    const who = (await agent.callTool({ name: "whoami", arguments: { access_token: bob.token } })) as ToolResult;
    expect(who.structuredContent.email).toBe(alice.email);
    const list = (await agent.callTool({ name: "list_messages", arguments: { access_token: bob.token } })) as ToolResult;
    expect(list.structuredContent.messages.map((m: { ID: string }) => m.ID)).not.toContain(bobsMail);
  });
});
