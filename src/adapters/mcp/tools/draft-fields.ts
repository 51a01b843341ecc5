import { z } from "zod";
import { SendFieldsSchema, type SendFields } from "../../../domain/send-input.js";

const Addr = z.string().email();

/** DraftArgs are a draft's fields as tools take them (lower-case, plain address lists). */
export const DraftArgs = {
  from: z.string().max(254).optional().describe("Optional; if given it must be one of my own addresses."),
  to: z.array(Addr).max(100).default([]).describe("Recipient addresses."),
  cc: z.array(Addr).max(100).default([]).describe("Cc addresses."),
  bcc: z.array(Addr).max(100).default([]).describe("Bcc addresses (only I will see them)."),
  subject: z.string().max(998).default("").describe("Subject."),
  text: z.string().default("").describe("Plain-text body."),
  html: z.string().default("").describe("Optional HTML body."),
};

type Args = { [K in keyof typeof DraftArgs]: z.infer<(typeof DraftArgs)[K]> };

/** toFields turns tool arguments into the send fields every door validates the same way. */
export function toFields(args: Args, headers: Record<string, string> = {}): SendFields {
  return SendFieldsSchema.parse({
    ...(args.from ? { From: { Email: args.from } } : {}),
    To: args.to.map((Email) => ({ Email })),
    Cc: args.cc.map((Email) => ({ Email })),
    Bcc: args.bcc,
    Subject: args.subject,
    Text: args.text,
    HTML: args.html,
    Headers: headers,
  });
}
