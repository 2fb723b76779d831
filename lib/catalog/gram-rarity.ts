import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";

/**
 * How common each search key is, for choosing which key's postings a search walks
 * (lib/catalog/queries.ts `searchPage`, docs/decisions/0008-korean-partial-search.md point 5).
 *
 * PostgreSQL already knows: ANALYZE (autovacuum's, or the benchmark's) keeps the most common values
 * of `product_search_grams.gram` with their frequencies in pg_stats (up to the column's statistics
 * target, 1,000 by migration 0017). A key that is not among them is rarer than every one that is.
 * Reading that list once a minute costs one small query per process, where counting the postings
 * of every key of every search cost thousands of index entries per search.
 *
 * Only a hint: any key of the query gives the same matches (each match holds every key), so a stale,
 * missing or empty list (a database never analyzed) changes the speed of a search, never its answer.
 */

type Reader = Db | Tx;
type Frequencies = ReadonlyMap<string, number>;

const REFRESH_MS = 60_000;
let cached: { at: number; value: Frequencies } | undefined;
let loading: Promise<Frequencies> | undefined;

async function load(db: Reader): Promise<Frequencies> {
  const rows = await db.execute<{ vals: string[] | null; freqs: number[] | null }>(sql`
    select most_common_vals::text::text[] as vals, most_common_freqs as freqs
    from pg_stats
    where schemaname = current_schema() and tablename = 'product_search_grams' and attname = 'gram'`);
  const [row] = [...rows];
  const value = new Map<string, number>();
  row?.vals?.forEach((gram, i) => value.set(gram, Number(row.freqs?.[i] ?? 0)));
  return value;
}

/**
 * The frequencies as last read (at most a minute old; a refresh is started in the background when
 * older, and only the first search of a process waits for one).
 */
export async function gramFrequencies(db: Reader): Promise<Frequencies> {
  const fresh = cached && Date.now() - cached.at < REFRESH_MS;
  if (!fresh && !loading) {
    loading = load(db)
      .then((value) => {
        cached = { at: Date.now(), value };
        return value;
      })
      .finally(() => {
        loading = undefined;
      });
  }
  if (cached) {
    loading?.catch(() => {}); // a failed background refresh keeps the last list; the next search retries
    return cached.value;
  }
  return loading!;
}

/**
 * The search keys of a query's words as hub_search_keys (migration 0008) makes them: each word
 * lower-cased, by itself when one character long, otherwise each of its bigrams. Used only to look up
 * frequencies: the database derives the keys it searches by itself, and a key written differently
 * here only loses its hint.
 */
export function searchKeys(words: string[]): string[] {
  const keys = new Set<string>();
  for (const word of words) {
    const chars = [...word.toLowerCase()];
    if (chars.length === 1) keys.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) keys.add(chars[i]! + chars[i + 1]!);
  }
  return [...keys];
}

/** Forget the frequencies (tests that analyze a database and want them read again). */
export function forgetGramFrequencies(): void {
  cached = undefined;
}
