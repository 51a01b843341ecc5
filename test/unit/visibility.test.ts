import { describe, expect, it } from "vitest";
import { rolesByUser, viewOf, type Role } from "../../src/domain/visibility.js";

const tags = { all: '["private","shared"]', public: '["shared"]' };

describe("visibility (domain/visibility.ts)", () => {
  it("gives the sender the whole message: Bcc, Received-for and Bcc-only tags", () => {
    expect(viewOf(new Set<Role>(["from"]), tags)).toEqual({ isSender: true, tagged: true });
  });

  it("gives a recipient, Bcc'd or not, the redacted view", () => {
    for (const role of ["to", "cc", "bcc"] as const) {
      expect([role, viewOf(new Set<Role>([role]), tags)]).toEqual([role, { isSender: false, tagged: true }]);
    }
    expect(viewOf(new Set<Role>(["bcc"]), { all: '["bcc-only"]', public: "[]" })).toEqual({ isSender: false, tagged: false });
  });

  it("decides over all of a viewer's addresses: sending from one and receiving on another is sending", () => {
    const byUser = rolesByUser([
      { userId: 1, role: "to" },
      { userId: 2, role: "bcc" },
      { userId: 1, role: "from" },
    ]);
    expect([...byUser.get(1)!].sort()).toEqual(["from", "to"]);
    expect(viewOf(byUser.get(1)!, tags).isSender).toBe(true);
    expect(viewOf(byUser.get(2)!, tags).isSender).toBe(false);
  });
});
