import { describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { registerUser } from "../support/users.js";

const stack = useStack();

describe("smoke", () => {
  it("Should index a message delivered over SMTP for its recipient", async () => {
    const alice = await registerUser(stack.app, "alice@example.test");
    const id = await deliver(stack.mp.smtpPort, { from: "app@example.test", to: "alice@example.test", subject: "hello", text: "hi" });
    const list = await waitFor(async () => {
      const r = await alice.json("/api/v1/messages");
      return r.body.total === 1 ? r.body : undefined;
    }, "alice's list");
    expect(list.messages[0].ID).toBe(id);
  });

  it("Should answer Mailpit's /livez and Sandpit's /healthz and /readyz without a token", async () => {
    for (const path of ["/livez", "/healthz", "/readyz"]) {
      const r = await fetch(`${stack.app.url}${path}`);
      expect([path, r.status]).toEqual([path, 200]);
      await r.arrayBuffer();
    }
    const ready = (await (await fetch(`${stack.app.url}/readyz`)).json()) as { status: string; leader: boolean };
    expect(ready).toMatchObject({ status: "ready", leader: true });
  });
});
