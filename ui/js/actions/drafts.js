import { createDraft, deleteDraft, sendDraft, updateDraft } from "../api/drafts.js";

/** AUTOSAVE_MS is how long typing must pause before the draft is saved. */
export const AUTOSAVE_MS = 1500;

/**
 * createDraftSaver keeps one draft saved while it is edited: `schedule()` saves it after a pause
 * in typing (POST the first time, then PUT), saves never overlap, and the draft's ID is replaced
 * by the one every save answers (Mailpit messages never change). `onSaved(id)` and
 * `onStatus(text)` report progress.
 */
export function createDraftSaver({ id: initialId = null, body, onSaved, onStatus }) {
  let id = initialId;
  let timer = null;
  let dirty = false;
  let chain = Promise.resolve();

  /** save stores `fields` now, after any save under way; resolves to the draft's new ID. */
  function save(fields, { quiet = false } = {}) {
    clearTimeout(timer);
    dirty = false;
    const run = chain.then(async () => {
      onStatus("Saving draft…");
      let r;
      try {
        r = id ? await updateDraft(id, fields) : await createDraft(fields);
      } catch (err) {
        // Sent or discarded in another tab: keep what is typed here as a new draft.
        if (err.status !== 404 || !id) throw err;
        r = await createDraft(fields);
      }
      id = r.ID;
      onSaved?.(id);
      onStatus(`Draft saved at ${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })}`);
      return id;
    });
    chain = run.catch((err) => {
      dirty = true;
      // Send reports its own failure next to the form.
      onStatus(quiet ? "Unsaved changes" : `Draft not saved: ${err.message}`);
    });
    return run;
  }

  return {
    get id() {
      return id;
    },
    /** schedule saves the draft once typing pauses for AUTOSAVE_MS. */
    schedule() {
      dirty = true;
      onStatus("Unsaved changes");
      clearTimeout(timer);
      timer = setTimeout(() => void save(body({ autosave: true })).catch(() => undefined), AUTOSAVE_MS);
    },
    /** flush saves pending changes at once (leaving the page); errors are only reported. */
    flush() {
      if (dirty) void save(body({ autosave: true })).catch(() => undefined);
    },
    /** send saves the draft as it stands, then sends it; resolves to the sent message's ID. */
    async send() {
      await chain;
      const saved = await save(body({ autosave: false }), { quiet: true });
      const sent = await sendDraft(saved);
      id = null;
      return sent.ID;
    },
    /** discard deletes the draft (if it was ever saved). */
    async discard() {
      clearTimeout(timer);
      dirty = false;
      await chain;
      if (id) await deleteDraft(id).catch((err) => (err.status === 404 ? undefined : Promise.reject(err)));
      id = null;
    },
  };
}
