/**
 * Which user an address belongs to (DESIGN §4): the user who registered it exactly; else, with
 * plus-addressing on, the user who registered its base (`alice+ci@x` is `alice@x`'s); else the user
 * with a catch-all for its domain. An exact registration always wins over the other two.
 */

/** AddressBook is the registrations an address could match: exact addresses and catch-all domains. */
export interface AddressBook {
  exact: ReadonlyMap<string, number>;
  domains: ReadonlyMap<string, number>;
}

/** domainOf is the part after the last `@`. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1);
}

/**
 * baseOf strips the plus-part of the local part, or returns the address when there is none.
 * @example baseOf("alice+ci+x@x.test") // "alice@x.test"
 */
export function baseOf(address: string): string {
  const at = address.lastIndexOf("@");
  const plus = address.indexOf("+");
  return plus > 0 && plus < at ? address.slice(0, plus) + address.slice(at) : address;
}

/** lookupKeys lists what to look up for `addresses`: the exact and base addresses, and the domains. */
export function lookupKeys(addresses: readonly string[], plusAddressing: boolean): { addresses: string[]; domains: string[] } {
  const exact = new Set<string>();
  const domains = new Set<string>();
  for (const a of addresses) {
    exact.add(a);
    if (plusAddressing) exact.add(baseOf(a));
    domains.add(domainOf(a));
  }
  return { addresses: [...exact], domains: [...domains] };
}

/**
 * ownerOf applies the rule to one (normalised) address.
 * @example ownerOf("alice+ci@x.test", { exact: new Map([["alice@x.test", 1]]), domains: new Map() }, true) // 1
 */
export function ownerOf(address: string, book: AddressBook, plusAddressing: boolean): number | undefined {
  return book.exact.get(address) ?? (plusAddressing ? book.exact.get(baseOf(address)) : undefined) ?? book.domains.get(domainOf(address));
}
