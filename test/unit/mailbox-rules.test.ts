import { describe, expect, it } from "vitest";
import { baseOf, lookupKeys, ownerOf } from "../../src/domain/address-owner.js";
import { checkFolderName, placementOf, renamedPath, sortFolders } from "../../src/domain/folders.js";
import { readPreferences } from "../../src/domain/preferences.js";

describe("ownerOf (DESIGN §4)", () => {
  const book = {
    exact: new Map([
      ["alice@x.test", 1],
      ["alice+vip@x.test", 2],
    ]),
    domains: new Map([["run-1.test", 3]]),
  };

  it("Should give an exact registration first, then the plus-address's base, then a catch-all", () => {
    expect(ownerOf("alice@x.test", book, true)).toBe(1);
    expect(ownerOf("alice+ci@x.test", book, true)).toBe(1);
    expect(ownerOf("alice+vip@x.test", book, true)).toBe(2);
    expect(ownerOf("job-7@run-1.test", book, true)).toBe(3);
    expect(ownerOf("nobody@y.test", book, true)).toBeUndefined();
  });

  it("Should not map plus-addresses when plus-addressing is off", () => {
    expect(ownerOf("alice+ci@x.test", book, false)).toBeUndefined();
    expect(lookupKeys(["alice+ci@x.test"], false)).toEqual({ addresses: ["alice+ci@x.test"], domains: ["x.test"] });
    expect(lookupKeys(["alice+ci@x.test"], true).addresses).toEqual(["alice+ci@x.test", "alice@x.test"]);
  });

  it("Should strip only a plus in the local part", () => {
    expect(baseOf("a+b+c@x.test")).toBe("a@x.test");
    expect(baseOf("+a@x.test")).toBe("+a@x.test");
    expect(baseOf('"a@b"+c@x.test')).toBe('"a@b"@x.test');
  });
});

describe("folders", () => {
  it("Should accept nested names, trimmed", () => {
    expect(checkFolderName("  Projects/Alpha ")).toBe("Projects/Alpha");
  });

  it.each(["", "  ", "a//b", "/a", "a/", "INBOX", "Trash", "a*", "100%", 'x"y', "a\u0001b", "x".repeat(201)])(
    "Should refuse %j with BAD_REQUEST",
    (name) => {
      expect(() => checkFolderName(name)).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));
    },
  );

  it("Should place received mail in Inbox, sent mail in Sent, mail to myself in both, a draft in Drafts", () => {
    expect(placementOf(new Set(["to"]), false)).toEqual(["inbox"]);
    expect(placementOf(new Set(["bcc"]), false)).toEqual(["inbox"]);
    expect(placementOf(new Set(["from"]), false)).toEqual(["sent"]);
    expect(placementOf(new Set(["from", "cc"]), false)).toEqual(["inbox", "sent"]);
    expect(placementOf(new Set(["from"]), true)).toEqual(["drafts"]);
  });

  it("Should list system folders in a mail client's order, then mine by name", () => {
    const mine = (name: string) => ({ name, role: null });
    const sorted = sortFolders([
      mine("b"),
      { name: "Trash", role: "trash" as const },
      mine("a/x"),
      { name: "Inbox", role: "inbox" as const },
    ]);
    expect(sorted.map((f) => f.name)).toEqual(["Inbox", "Trash", "a/x", "b"]);
  });

  it("Should carry a rename down to the folders under it", () => {
    expect(renamedPath("Work/Alpha", "Work", "Jobs")).toBe("Jobs/Alpha");
    expect(renamedPath("work", "Work", "Jobs")).toBe("Jobs");
  });
});

describe("readPreferences", () => {
  it("Should read stored values over the defaults and drop what no longer validates", () => {
    expect(readPreferences('{"theme":"dark","pageSize":5,"other":1}')).toEqual({ theme: "dark", pageSize: 50, notifications: false });
    expect(readPreferences("not json")).toEqual({ theme: "system", pageSize: 50, notifications: false });
  });
});
