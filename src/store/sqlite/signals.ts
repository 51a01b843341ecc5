import { EventEmitter } from "node:events";
import type { Leadership, Signals } from "../ports.js";

/** localSignals: one process owns a SQLite store, so signals stay in the process. */
export function localSignals(): Signals {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(payload) {
      emitter.emit("signal", payload);
    },
    async listen(onPayload) {
      emitter.on("signal", onPayload);
      return async () => void emitter.off("signal", onPayload);
    },
  };
}

/** soleLeadership: the one process on a SQLite store always leads, and never loses it. */
export async function soleLeadership(): Promise<Leadership> {
  return { lost: new Promise<void>(() => undefined), release: async () => undefined };
}
