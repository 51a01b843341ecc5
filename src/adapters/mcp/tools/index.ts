import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { registerDeleteMessagesTool } from "./delete-messages.js";
import { registerExtractCodesTool } from "./extract-codes.js";
import { registerExtractLinksTool } from "./extract-links.js";
import { registerGetAttachmentTool } from "./get-attachment.js";
import { registerGetMessageTool } from "./get-message.js";
import { registerListMessagesTool } from "./list-messages.js";
import { registerMarkReadTool } from "./mark-read.js";
import { registerSearchMessagesTool } from "./search-messages.js";
import { registerSendEmailTool } from "./send-email.js";
import { registerWaitForMessageTool } from "./wait-for-message.js";
import { registerWhoamiTool } from "./whoami.js";
import { registerCreateDraftTool } from "./create-draft.js";
import { registerMoveMessagesTool } from "./move-messages.js";
import { registerSendDraftTool } from "./send-draft.js";
import { registerStarMessagesTool } from "./star-messages.js";
import { registerUpdateDraftTool } from "./update-draft.js";
import { registerCreateInboxTool } from "./create-inbox.js";
import type { ToolContext } from "./shared.js";

/** registerTools registers every Sandpit tool on a server. */
export function registerTools(server: McpServer, ctx: ToolContext): void {
  for (const register of [
    registerWhoamiTool,
    registerListMessagesTool,
    registerSearchMessagesTool,
    registerGetMessageTool,
    registerGetAttachmentTool,
    registerWaitForMessageTool,
    registerExtractLinksTool,
    registerExtractCodesTool,
    registerSendEmailTool,
    registerMarkReadTool,
    registerDeleteMessagesTool,
    registerMoveMessagesTool,
    registerStarMessagesTool,
    registerCreateDraftTool,
    registerUpdateDraftTool,
    registerSendDraftTool,
    registerCreateInboxTool,
  ]) {
    register(server, ctx);
  }
}
