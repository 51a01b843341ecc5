import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, waitFor, type TestApp } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { startMailpit, type TestMailpit } from "../support/mailpit.js";
import { registerUser } from "../support/users.js";

let mp: TestMailpit;
let app: TestApp;
beforeAll(async () => {
  mp = await startMailpit();
  app = await startApp(mp);
});
afterAll(async () => {
  await app?.stop();
  await mp?.stop();
});

describe("smoke", () => {
  it("Should index a message delivered over SMTP for its recipient", async () => {
    const alice = await registerUser(app, "alice@example.test");
    const id = await deliver(mp.smtpPort, { from: "app@example.test", to: "alice@example.test", subject: "hello", text: "hi" });
    const list = await waitFor(async () => {
      const r = await alice.json("/api/v1/messages");
      return r.body.total === 1 ? r.body : undefined;
    }, "alice's list");
    expect(list.messages[0].ID).toBe(id);
  });
});
