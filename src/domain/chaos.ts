import { z } from "zod";
import { normalizeAddress } from "../lib/addresses.js";

/**
 * ChaosRuleSchema is one user's SMTP fault injection (DESIGN §3: state is per user): Sandpit's SMTP
 * answers the chosen error for mail to their own addresses, or sent by their authenticated
 * sessions, so an app's retry logic can be tested without disturbing anyone else.
 */
export const ChaosRuleSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** The reply code: a temporary (4xx) or permanent (5xx) SMTP error. */
    code: z
      .number()
      .int()
      .min(421)
      .max(554)
      .refine((c) => c < 460 || c >= 500, "must be a 4xx (421-459) or 5xx (500-554) reply code")
      .default(451),
    /** The enhanced status code (RFC 3463); default 4.3.0 or 5.3.0 after the reply code's class. */
    enhanced: z
      .string()
      .regex(/^[45]\.\d{1,3}\.\d{1,3}$/, "must look like 4.3.0")
      .optional(),
    message: z
      .string()
      .max(200)
      .regex(/^[^\r\n]*$/, "must be one line")
      .default("Sandpit chaos: injected failure"),
    /** The chance, 0 to 1, that a matching message gets the error. */
    probability: z.number().min(0).max(1).default(1),
    /** Only mail to these of my addresses (empty: all of them, and mail my sessions send). */
    recipients: z.array(z.string().email().max(254)).max(100).default([]),
  })
  .strict()
  .refine((r) => !r.enhanced || r.enhanced[0] === String(r.code)[0], {
    message: "enhanced must be of the same class as code",
    path: ["enhanced"],
  });
export type ChaosRule = z.infer<typeof ChaosRuleSchema>;

/** ChaosReply is the SMTP error a rule makes Sandpit answer. */
export interface ChaosReply {
  code: number;
  text: string;
}

/**
 * chaosReply decides whether one message meets a rule's error: for a recipient (`rcpt` given) or
 * for a message the rule's owner sends (`rcpt` undefined: only a rule without a recipient list).
 * `roll` is a number in [0, 1), Math.random() outside tests.
 */
export function chaosReply(rule: ChaosRule, rcpt: string | undefined, roll: number): ChaosReply | undefined {
  if (!rule.enabled || roll >= rule.probability) return undefined;
  if (
    rcpt === undefined
      ? rule.recipients.length > 0
      : rule.recipients.length > 0 && !rule.recipients.map(normalizeAddress).includes(normalizeAddress(rcpt))
  ) {
    return undefined;
  }
  const enhanced = rule.enhanced ?? (rule.code >= 500 ? "5.3.0" : "4.3.0");
  return { code: rule.code, text: `${enhanced} ${rule.message}` };
}
