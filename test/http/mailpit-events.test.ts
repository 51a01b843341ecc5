import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "undici";
import { connectEvents, UNCOMPRESSED } from "../../src/index/mailpit-events.js";
import { createLogger } from "../../src/lib/log.js";
import { waitFor } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { startMailpit, type TestMailpit } from "../support/mailpit.js";

let mp: TestMailpit;
beforeAll(async () => {
  mp = await startMailpit();
});
afterAll(async () => {
  await mp.stop();
});

describe("Mailpit's event stream", () => {
  it("is opened without permessage-deflate, which Mailpit would otherwise use", async () => {
    const url = new URL(mp.apiUrl);
    url.protocol = "ws:";
    url.pathname = "/api/events";
    const extensions = async (opts: ConstructorParameters<typeof WebSocket>[1]) => {
      const ws = new WebSocket(url, opts);
      await new Promise((resolve, reject) => (ws.addEventListener("open", resolve), ws.addEventListener("error", reject)));
      ws.close();
      return ws.extensions;
    };
    // Undici's default offer is taken up by Mailpit; Sandpit's dispatcher makes none.
    expect(await extensions({})).toContain("permessage-deflate");
    expect(await extensions({ dispatcher: UNCOMPRESSED })).toBe("");
  });

  it("still delivers Mailpit's new-message events", async () => {
    const seen: string[] = [];
    let opened = false;
    const stream = connectEvents({
      url: () => mp.apiUrl,
      log: createLogger("silent"),
      onEvent: (type, data) => type === "new" && seen.push((data as { ID: string }).ID),
      onOpen: () => (opened = true),
    });
    try {
      await waitFor(() => opened, "the event stream to open");
      const id = await deliver(mp.smtpPort, { from: "a@example.test", to: "b@example.test", subject: "event", text: "x" });
      await waitFor(() => seen.includes(id), "the new-message event");
      expect(stream.isOpen()).toBe(true);
    } finally {
      stream.close();
    }
  });
});
