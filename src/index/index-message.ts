import type { EventBus } from "../events/bus.js";
import { AppError } from "../errors.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { MessageSummary } from "../mailpit/schemas.js";
import type { Store } from "../store/ports.js";
import { envelopeBcc, envelopeOwners, traceId, type Envelope } from "../domain/envelope.js";
import { headerValues } from "../lib/mime-headers.js";
import { createArrivals } from "./arrivals.js";
import { readBody } from "./read-body.js";
import { headerAddresses, INDEX_VERSION, ownerAddresses, toIndexRow } from "./to-row.js";

/** A pending envelope is claimed through its trace field only by a message created this close to it. */
const CLAIM_WINDOW_MS = 10 * 60_000;
/** How far down Mailpit's newest messages a just-stored message is looked for when no event told of it. */
const RECENT = 50;
/** How long a relayed message waits for Mailpit's `new` event (sent before its `250`) before looking it up. */
const EVENT_WAIT_MS = 250;

/** MessageIndexer indexes single messages; any process may run it (DESIGN §2, §7). */
export interface MessageIndexer {
  /**
   * index fetches a message's source (Sandpit parses it) and upserts it with its owners. Idempotent and
   * shared: concurrent calls for one ID make one fetch, and a message is announced on the bus once
   * per user it is new to, however often it is indexed. Returns the owners.
   */
  index(summary: MessageSummary, envelope?: Envelope): Promise<number[]>;
  /** indexIfNew indexes a message unless this index version already has it (Mailpit's `new` event). */
  indexIfNew(summary: MessageSummary): Promise<void>;
  /** hearing says whether Mailpit's `new` events reach this process now (the poller's websocket). */
  hearing(open: boolean): void;
  /**
   * indexById indexes a message Sandpit just relayed, with the envelope it recorded for it, before
   * the client hears success (read-your-writes). Its summary comes from Mailpit's `new` event when
   * this process hears events, else from Mailpit's newest messages, else a search by Message-ID.
   */
  indexById(id: string, messageId: string, envelope?: Envelope): Promise<void>;
  /**
   * expect tells the indexer a relay of `messageId` is under way: its `new` event waits for that
   * relay's indexById, and indexes the message itself only if the relay did not (call the returned
   * release once the relay is over, with the ID it indexed).
   */
  expect(messageId: string): (indexedId: string | undefined) => void;
}

/** createMessageIndexer indexes over the store, announcing arrivals on the bus. */
export function createMessageIndexer({ store, mailpit, bus }: { store: Store; mailpit: MailpitClient; bus: EventBus }): MessageIndexer {
  const inflight = new Map<string, Promise<number[]>>();
  const arrivals = createArrivals();
  const isKnown = async (id: string) => (await store.index.known([id], INDEX_VERSION)).has(id);

  /**
   * envelopeOf finds the envelope a message entered with: the one its submission passes, the one
   * already tied to it, or, for a message relayed by a Sandpit that died before indexing it, the
   * pending envelope that Sandpit's trace field names. A trace field can be forged by mail that
   * reached Mailpit another way, so only a pending envelope created near the message is claimed,
   * and each envelope is claimed by one message only.
   */
  async function envelopeOf(summary: MessageSummary, raw: Buffer, given: Envelope | undefined): Promise<Envelope | undefined> {
    if (given) return (await store.envelopes.claim(given.id, summary.ID)) ? given : undefined;
    const kept = await store.envelopes.forMessage(summary.ID);
    if (kept) return kept;
    const trace = traceId(headerValues(raw, "received"));
    const found = trace ? await store.envelopes.find(trace) : undefined;
    if (!found || found.messageId !== null || Math.abs(Date.parse(summary.Created) - found.createdMs) > CLAIM_WINDOW_MS) return undefined;
    return (await store.envelopes.claim(found.id, summary.ID)) ? found : undefined;
  }

  function index(summary: MessageSummary, given?: Envelope): Promise<number[]> {
    const existing = inflight.get(summary.ID);
    if (existing) return existing;
    const p = (async () => {
      let raw;
      try {
        raw = await mailpit.getRaw(summary.ID);
      } catch (err) {
        // Deleted between list and fetch: nothing to index.
        if (err instanceof AppError && err.code === "NOT_FOUND") return [];
        throw err;
      }
      const envelope = await envelopeOf(summary, raw, given);
      const headers = envelope && headerAddresses(raw);
      const row = toIndexRow({ summary, body: await readBody(raw), raw, envelopeBcc: headers && envelopeBcc(envelope, headers) });
      const owners = headers ? envelopeOwners(envelope, headers) : ownerAddresses(summary, raw);
      const draft = envelope?.kind === "draft";
      const granted = await store.index.upsert(row, owners, { draft });
      if (granted.added.length > 0) {
        // A draft is not new mail: its author's views hear that Drafts changed.
        const users = granted.added;
        await bus.publish(draft ? { type: "changed", change: "moved", ids: [summary.ID], users } : { type: "new", id: summary.ID, users });
      }
      return granted.owners;
    })().finally(() => inflight.delete(summary.ID));
    inflight.set(summary.ID, p);
    return p;
  }

  /**
   * lookUp finds a message just stored among Mailpit's newest (a cheap page); failing that, Mailpit
   * searches for its Message-ID (a scan of the instance, so only as the fallback).
   */
  async function lookUp(id: string, messageId: string): Promise<MessageSummary> {
    const recent = (await mailpit.listMessages(0, RECENT)).messages.find((m) => m.ID === id);
    const summary =
      recent ?? (/^[^\s"]+$/.test(messageId) ? (await mailpit.searchByMessageId(messageId)).find((m) => m.ID === id) : undefined);
    if (!summary) throw new AppError("UPSTREAM_UNAVAILABLE", "Mailpit accepted the message but cannot find it");
    return summary;
  }

  return {
    index,
    async indexIfNew(summary) {
      arrivals.heard(summary);
      const held = arrivals.held(summary);
      if (held && (await held)) return;
      if (inflight.has(summary.ID) || (await isKnown(summary.ID))) return;
      await index(summary);
    },
    expect: (messageId) => arrivals.expect(messageId),
    hearing: (open) => arrivals.listening(open),
    async indexById(id, messageId, envelope) {
      if (!envelope && (await isKnown(id))) return;
      const summary = (await arrivals.summaryOf(id, EVENT_WAIT_MS)) ?? (await lookUp(id, messageId));
      await index(summary, envelope);
    },
  };
}
