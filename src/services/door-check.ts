import { AppError } from "../errors.js";
import type { Credentials, MailLogin } from "./credentials.js";

/**
 * precheck runs the "Test connection" buttons' credentials through the login guard as the caller,
 * from the caller's own address, before the real connection to Sandpit's own door (which comes
 * from loopback): a user guessing with the button counts against themselves, and can never lock
 * the button out for everyone. It answers why the door would refuse, or undefined.
 */
export async function precheck(credentials: Pick<Credentials, "authenticateMail">, login: MailLogin): Promise<AppError | undefined> {
  try {
    await credentials.authenticateMail(login);
    return undefined;
  } catch (err) {
    if (err instanceof AppError && ["UNAUTHORIZED", "RATE_LIMITED", "SCOPE_REQUIRED"].includes(err.code)) return err;
    throw err;
  }
}
