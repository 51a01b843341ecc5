import type { Program, Runner } from "../sql/program.js";
import type { Db } from "./client.js";
import { all, run } from "./statements.js";

/**
 * runProgram drives a program synchronously on the connection, inside a transaction when one is
 * open on it (better-sqlite3 runs every statement on its one connection), with cached statements.
 */
export function runProgram<T>(db: Db, program: Program<T>): T {
  let step = program.next();
  while (!step.done) {
    const op = step.value;
    step = program.next(op.kind === "all" ? all(db, op.sql) : run(db, op.sql));
  }
  return step.value;
}

/** sqliteRunner drives programs synchronously, each inside one SQLite transaction. */
export function sqliteRunner(db: Db): Runner {
  return <T>(program: Program<T>) => Promise.resolve(db.transaction(() => runProgram(db, program)));
}
