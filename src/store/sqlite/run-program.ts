import type { Program, Runner } from "../sql/program.js";
import type { Db } from "./client.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** runProgram drives a program synchronously on a connection or inside a transaction already open. */
export function runProgram<T>(tx: Db | Tx, program: Program<T>): T {
  let step = program.next();
  while (!step.done) {
    const op = step.value;
    step = program.next(op.kind === "all" ? tx.all(op.sql) : tx.run(op.sql).changes);
  }
  return step.value;
}

/** sqliteRunner drives programs synchronously, each inside one SQLite transaction. */
export function sqliteRunner(db: Db): Runner {
  return <T>(program: Program<T>) => Promise.resolve(db.transaction((tx) => runProgram(tx, program)));
}
