import { describe, expect, it } from "vitest";
import { coalesce } from "../../src/lib/coalesce.js";

describe("coalesce", () => {
  it("answers the lookups made together with one load, each caller with its own keys", async () => {
    const loads: string[][] = [];
    const known = coalesce(async (keys: string[]) => {
      loads.push(keys);
      return new Map(keys.filter((k) => k !== "x").map((k) => [k, k.toUpperCase()]));
    });
    const [a, b, c] = await Promise.all([known(["a", "b"]), known(["b", "x"]), known(["c"])]);
    expect(loads).toEqual([["a", "b", "x", "c"]]);
    expect([...a]).toEqual([
      ["a", "A"],
      ["b", "B"],
    ]);
    expect([...b]).toEqual([["b", "B"]]);
    expect([...c]).toEqual([["c", "C"]]);
  });

  it("queues what arrives while a load runs for the next one, and rejects only the calls a failed load served", async () => {
    const loads: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const known = coalesce(async (keys: string[]) => {
      loads.push(keys);
      if (loads.length === 1) {
        await gate;
        throw new Error("database gone");
      }
      return new Map(keys.map((k) => [k, 1]));
    });
    const first = known(["a"]);
    await new Promise((r) => setImmediate(r));
    const later = [known(["b"]), known(["c"])];
    release();
    await expect(first).rejects.toThrow("database gone");
    expect((await Promise.all(later)).map((m) => [...m.keys()])).toEqual([["b"], ["c"]]);
    expect(loads).toEqual([["a"], ["b", "c"]]);
  });
});
