import type { MessageRow } from "../../src/store/index.js";

let n = 0;
/** indexRow is a minimal index row for message `id` from app@x.test to `to`, each created 1 ms after the last. */
export function indexRow(id: string, to: string[]): MessageRow {
  n += 1;
  const list = (xs: string[]) => JSON.stringify(xs.map((Address) => ({ Name: "", Address })));
  return {
    id,
    messageId: `<${id}@example.test>`,
    fromJson: '{"Name":"","Address":"app@x.test"}',
    toJson: list(to),
    ccJson: "[]",
    bccJson: "[]",
    replyToJson: "[]",
    subject: id,
    created: new Date(n).toISOString(),
    createdMs: n,
    username: "",
    tagsJson: "[]",
    hiddenTagsJson: "[]",
    publicTagsJson: "[]",
    size: 100,
    redactedSize: 100,
    attachments: 0,
    snippet: "",
    subjectText: id,
    fromText: "app@x.test",
    toText: to.join(" "),
    ccText: "",
    bccText: "",
    replyToText: "",
    bodyText: "",
    inlineCount: 0,
    head: "",
    lineEndPad: 0,
    indexVersion: 1,
    indexedAt: Date.now(),
  };
}
