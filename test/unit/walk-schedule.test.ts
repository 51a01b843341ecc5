import { describe, expect, it } from "vitest";
import { FULL_ALWAYS_EVERY, FULL_EVERY, fullWalkDue } from "../../src/index/schedule.js";

describe("when the poller walks all of Mailpit", () => {
  const same = async () => ({ upstream: 100_000, indexed: 100_000 });
  const apart = async () => ({ upstream: 100_000, indexed: 99_999 });
  const unknown = async (): Promise<{ upstream: number; indexed: number }> => {
    throw new Error("Mailpit is down");
  };

  it("walks quickly between full-walk ticks, whatever the counts", async () => {
    expect(await fullWalkDue(1, apart)).toBe(false);
    expect(await fullWalkDue(FULL_EVERY - 1, apart)).toBe(false);
  });

  it("skips a full walk while Mailpit and the index hold as many messages, and walks when they differ or cannot be told", async () => {
    expect(await fullWalkDue(FULL_EVERY, same)).toBe(false);
    expect(await fullWalkDue(FULL_EVERY, apart)).toBe(true);
    expect(await fullWalkDue(FULL_EVERY * 2, unknown)).toBe(true);
  });

  it("walks everything every FULL_ALWAYS_EVERY ticks even when the counts agree", async () => {
    expect(await fullWalkDue(FULL_ALWAYS_EVERY, same)).toBe(true);
    expect(await fullWalkDue(FULL_ALWAYS_EVERY * 2, same)).toBe(true);
  });
});
