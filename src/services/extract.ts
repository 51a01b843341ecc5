import { extractCodes, extractLinks, type ExtractedCode, type ExtractedLink } from "../lib/extract.js";
import type { ActingUser } from "../domain/acting-user.js";
import type { MessageService } from "./messages.js";

/** ExtractService pulls links and one-time codes out of one of my messages. */
export interface ExtractService {
  links(user: ActingUser, id: string): Promise<{ ID: string; links: ExtractedLink[] }>;
  codes(user: ActingUser, id: string): Promise<{ ID: string; codes: ExtractedCode[] }>;
}

/**
 * createExtractService pulls links and one-time codes out of one of the caller's messages (the
 * ownership check is the message service's). Links are listed, never fetched.
 */
export function createExtractService({ messages }: { messages: MessageService }): ExtractService {
  return {
    async links(user: ActingUser, id: string): Promise<{ ID: string; links: ExtractedLink[] }> {
      const m = await messages.get(user, id);
      return { ID: m.ID, links: extractLinks(m.Text, m.HTML) };
    },
    async codes(user: ActingUser, id: string): Promise<{ ID: string; codes: ExtractedCode[] }> {
      const m = await messages.get(user, id);
      return { ID: m.ID, codes: extractCodes(m.Subject, m.Text, m.HTML) };
    },
  };
}
