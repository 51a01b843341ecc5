import type { SendMailOptions } from "nodemailer";

/** mulberry32 is a tiny seeded PRNG, so a run's mail mix is reproducible (BENCH_SEED). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Senders that are not Sandpit users: "apps under test" delivering over SMTP. */
export const EXTERNAL_SENDERS = ["noreply@shop.example", "alerts@ci.example", "billing@saas.example"];

const WORDS = (
  "order invoice shipped delivery account password reset welcome verify token receipt payment " +
  "subscription renewal report weekly digest alert build failed passed deploy release review " +
  "comment mention ticket update reminder meeting schedule confirm cancel refund"
).split(" ");

/**
 * makeGenerator returns a function producing the bench's mail mix: from a random bench user (80%)
 * or an external app (20%), To 1–3 distinct random users, Cc one more user 30% of the time,
 * Bcc one more 15% of the time; small text bodies, some with an HTML part.
 */
export function makeGenerator(users: string[], runId: string, seed: number) {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  let n = 0;
  return (): SendMailOptions => {
    n += 1;
    const from = rnd() < 0.8 ? pick(users) : pick(EXTERNAL_SENDERS);
    const pool = users.filter((u) => u !== from);
    const take = () => pool.splice(Math.floor(rnd() * pool.length), 1)[0]!;
    const to = Array.from({ length: 1 + Math.floor(rnd() * 3) }, take);
    const cc = rnd() < 0.3 ? [take()] : [];
    const bcc = rnd() < 0.15 ? [take()] : [];
    const text = Array.from({ length: 2 + Math.floor(rnd() * 8) }, () => `${sentence(12)}.`).join("\n");
    return {
      from,
      to,
      cc,
      bcc,
      subject: `bench-${runId} ${sentence(3)} #${n}`,
      text,
      ...(rnd() < 0.2 ? { html: `<p>${text.replace(/\n/g, "</p><p>")}</p>` } : {}),
    };
  };
}
