-- Korean partial-word search (docs/decisions/0008-korean-partial-search.md). Self-contained: two pure
-- functions, no tables. The next migration stores hub_search_grams(name_ko || ' ' || name_en) in a
-- generated column with a GIN index; queries ask `search_grams @> hub_search_keys(word)`, then recheck
-- with ILIKE for the exact substring.
--
-- Words are split on ASCII whitespace only, and query words (split by the app on any whitespace) never
-- contain it, so every gram of a query word is a gram of any name that contains the word: the index
-- never misses a match, it only lets through a few that the ILIKE recheck then drops.

-- Every 1- and 2-character gram of each lower-cased word: '갤럭시 S25' → {갤,럭,시,갤럭,럭시,s,2,5,s2,25}.
CREATE OR REPLACE FUNCTION hub_search_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(w, i, n)), '{}')
  FROM regexp_split_to_table(lower(t), '[ \t\n\r\f\v]+') AS w
  CROSS JOIN LATERAL generate_series(1, least(char_length(w), 2)) AS n
  CROSS JOIN LATERAL generate_series(1, char_length(w) - n + 1) AS i
  WHERE w <> ''
$$;--> statement-breakpoint

-- The grams a name must have to contain this query word: the character itself for a one-character
-- word, otherwise every bigram ('보조' → {보조}; '충' → {충}; '갤럭시' → {갤럭,럭시}).
CREATE OR REPLACE FUNCTION hub_search_keys(q text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(w, i, least(char_length(w), 2))), '{}')
  FROM regexp_split_to_table(lower(q), '[ \t\n\r\f\v]+') AS w
  CROSS JOIN LATERAL generate_series(1, greatest(char_length(w) - 1, 1)) AS i
  WHERE w <> ''
$$;
