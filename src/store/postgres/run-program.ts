import type { Program, Runner } from "../sql/program.js";
import type { Pg } from "./client.js";

/** pgRunner drives programs inside one PostgreSQL transaction each. */
export function pgRunner(db: Pg): Runner {
  return <T>(program: Program<T>) =>
    db.transaction(async (tx) => {
      let step = program.next();
      while (!step.done) {
        const res = await tx.execute(step.value.sql);
        step = program.next(step.value.kind === "all" ? res.rows : (res.rowCount ?? 0));
      }
      return step.value;
    });
}
