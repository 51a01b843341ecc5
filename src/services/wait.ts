import { AppError } from "../errors.js";
import type { EventBus } from "../events/bus.js";
import { parseSearchQuery, type SearchTerm } from "../lib/search-query.js";
import type { Store } from "../store/ports.js";
import type { ActingUser } from "../domain/acting-user.js";
import { toSummary, type MessageSummary } from "./present.js";

/** WaitInput selects the message to wait for: a search query and/or simple filters. */
export interface WaitInput {
  query?: string | undefined;
  to?: string | undefined;
  from?: string | undefined;
  subject?: string | undefined;
  /** Only messages received at or after this time (epoch ms). */
  sinceMs: number;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Called about once a second while waiting, with the elapsed milliseconds. */
  onProgress?: ((elapsedMs: number) => void) | undefined;
}

/** The longest a single wait may last; clients loop for longer waits. */
export const MAX_WAIT_MS = 300_000;

/** WaitService answers "wait until a message of mine matching X arrives". */
export interface WaitService {
  waitFor(user: ActingUser, input: WaitInput): Promise<MessageSummary>;
}

/**
 * createWaitService answers "wait until a message of mine matching X arrives". It wakes on the
 * indexer's `indexed` events for the caller (no sleep loop), and checks the index once right after
 * subscribing so a message that arrived just before the call is not missed. A wait whose token is
 * revoked or expires meanwhile ends with 401 and never answers with mail.
 */
export function createWaitService({
  store,
  bus,
  stillValid,
}: {
  store: Store;
  bus: EventBus;
  /** Whether the caller's token still works: a wait ends when it is revoked or expires. */
  stillValid: (user: ActingUser) => Promise<boolean>;
}): WaitService {
  return {
    async waitFor(user, input) {
      const terms = termsOf(input);
      const find = async () =>
        (await store.mailbox.list(user.id, { terms, sinceMs: input.sinceMs, start: 0, limit: 1, order: "asc" })).rows[0];
      return new Promise<MessageSummary>((resolve, reject) => {
        const started = Date.now();
        let done = false;
        let unsubscribe = () => {};
        const finish = (err: AppError | undefined, found?: MessageSummary) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          clearInterval(ticker);
          unsubscribe();
          input.signal?.removeEventListener("abort", onAbort);
          if (err) reject(err);
          else resolve(found!);
        };
        const revoked = () => new AppError("UNAUTHORIZED", "the token was revoked or has expired");
        const fail = (err: unknown) =>
          finish(err instanceof AppError ? err : new AppError("INTERNAL", "the wait failed", undefined, { cause: err }));
        const check = () =>
          void (async () => {
            const row = await find();
            if (!row || done) return;
            if (await stillValid(user)) finish(undefined, toSummary(row));
            else finish(revoked());
          })().catch(fail);
        const onAbort = () => finish(new AppError("BAD_REQUEST", "the wait was cancelled"));
        const timer = setTimeout(
          () => finish(new AppError("WAIT_TIMEOUT", `no matching message arrived within ${Math.round(input.timeoutMs / 1000)} s`)),
          input.timeoutMs,
        );
        const ticker = setInterval(() => {
          void stillValid(user).then((ok) => (ok ? input.onProgress?.(Date.now() - started) : finish(revoked())), fail);
        }, 1000);
        unsubscribe = bus.subscribe((e) => {
          if (e.type === "resync" || e.users.includes(user.id)) check();
        });
        if (input.signal?.aborted) return onAbort();
        input.signal?.addEventListener("abort", onAbort);
        check();
      });
    },
  };
}

/** termsOf turns the filters into search terms (validated like any search: bad syntax is a 400). */
function termsOf(input: WaitInput): SearchTerm[] {
  const terms: SearchTerm[] = input.query?.trim() ? parseSearchQuery(input.query) : [];
  const text = (field: "to" | "from" | "subject", value: string | undefined) => {
    if (value?.trim()) terms.push({ kind: "text", field, value: value.trim().toLowerCase(), negate: false });
  };
  text("to", input.to);
  text("from", input.from);
  text("subject", input.subject);
  return terms;
}
