import { describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { useImap } from "./client.js";

const stack = useStack();
const { raw } = useImap(stack);

/** listed are the mailbox names in the LIST or LSUB responses to the command tagged `tag`. */
function listed(out: string, tag: string): string[] {
  const byTag = new Map<string, string[]>();
  let names: string[] = [];
  for (const line of out.split("\r\n")) {
    const m = /^\* (?:LIST|LSUB) \([^)]*\) "\/" "?([^"]*)"?$/.exec(line);
    if (m) names.push(m[1]!);
    else if (/^[^*+]\S* (OK|NO|BAD)/.test(line)) {
      byTag.set(line.split(" ")[0]!, names);
      names = [];
    }
  }
  return byTag.get(tag) ?? ["no answer"];
}

describe("IMAP LIST patterns", () => {
  it("matches * across levels and % within one, case-insensitively, with the reference in front", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const login = `a0 LOGIN ${alice.email} ${alice.token}`;
    const out = await raw(
      [
        login,
        'c1 CREATE "Projects/Q3"',
        'l1 LIST "" "*"',
        'm1 LIST "" "%"',
        'n1 LIST "Projects/" "%"',
        'p1 LIST "" "pro*q%"',
        'q1 LSUB "" "*/%"',
      ],
      "q1",
    );
    expect(listed(out, "l1").sort()).toEqual(["Archive", "Drafts", "INBOX", "Junk", "Projects", "Projects/Q3", "Sent", "Trash"]);
    expect(listed(out, "m1")).not.toContain("Projects/Q3");
    expect(listed(out, "m1")).toContain("Projects");
    expect(listed(out, "n1")).toEqual(["Projects/Q3"]);
    expect(listed(out, "p1")).toEqual(["Projects/Q3"]);
    expect(listed(out, "q1")).toEqual(["Projects/Q3"]);
  });

  it("answers a pattern of many wildcards that matches nothing at once, and the server goes on serving", async () => {
    const bob = await registerUser(stack.app, uniq("bob"));
    const started = Date.now();
    // As a regex, 42 `.*` before a `z` backtracks through every way of splitting each folder name.
    const out = await raw(
      [`a0 LOGIN ${bob.email} ${bob.token}`, `a1 LIST "" "${"*".repeat(42)}z"`, `a2 LIST "" "${"%*".repeat(30)}"`],
      "a2",
    );
    expect(Date.now() - started).toBeLessThan(1500);
    expect(out).toMatch(/\r\na1 OK/);
    expect(listed(out, "a1")).toEqual([]);
    expect(listed(out, "a2").sort()).toEqual(["Archive", "Drafts", "INBOX", "Junk", "Sent", "Trash"]);
  });
});
