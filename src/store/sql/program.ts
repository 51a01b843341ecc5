import type { SQL } from "drizzle-orm";

/**
 * A Program is a store operation written once for both databases: a generator that yields the SQL
 * it needs run and gets the answers back. SQLite drives it synchronously inside one transaction
 * (`store/sqlite/run-program.ts`), PostgreSQL asynchronously inside one (`store/postgres/run-program.ts`),
 * so a multi-statement rule such as a move has one implementation and is atomic on both.
 */

/** Op is one statement: `all` returns its rows, `run` how many rows it changed. */
export type Op = { kind: "all" | "run"; sql: SQL };

export type Program<T> = Generator<Op, T, unknown>;

export type Row = Record<string, unknown>;

/** all runs a query (or a write with RETURNING) and gives back its rows. */
export function* all<T = Row>(q: SQL): Generator<Op, T[], unknown> {
  return (yield { kind: "all", sql: q }) as T[];
}

/** run runs a write and gives back how many rows it changed. */
export function* run(q: SQL): Generator<Op, number, unknown> {
  return (yield { kind: "run", sql: q }) as number;
}

/** Runner runs programs on one database, each in its own transaction. */
export type Runner = <T>(program: Program<T>) => Promise<T>;

/** programSql lists the statements of a program that reads nothing back (all writes), in order. */
export function programSql(program: Program<void>): SQL[] {
  const out: SQL[] = [];
  let step = program.next();
  while (!step.done) {
    out.push(step.value.sql);
    step = program.next(step.value.kind === "all" ? [] : 0);
  }
  return out;
}
