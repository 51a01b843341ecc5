import type { ActingUser } from "../../domain/acting-user.js";
import { ALL_SCOPES } from "../../domain/scopes.js";

/** CLI_OPERATOR is who the command line acts as: the operator, with an admin's rights and no mailbox. */
export const CLI_OPERATOR: ActingUser = { id: 0, email: "", name: "operator", isAdmin: true, scopes: ALL_SCOPES };
