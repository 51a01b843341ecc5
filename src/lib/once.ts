const made = new WeakMap<object, Map<string, unknown>>();

/**
 * once keeps one value per owner and name, made on first use: a prepared query per database
 * connection, for the lookups every request makes.
 */
export function once<T>(owner: object, name: string, make: () => T): T {
  let values = made.get(owner);
  if (!values) made.set(owner, (values = new Map()));
  if (!values.has(name)) values.set(name, make());
  return values.get(name) as T;
}
