-- How common each search key is, for the search to walk the rarest one's postings
-- (lib/catalog/gram-rarity.ts): ANALYZE keeps up to 1,000 most common grams with their frequencies
-- (the default target, 100, would leave most of a catalog's common bigrams out of the list).
ALTER TABLE "product_search_grams" ALTER COLUMN "gram" SET STATISTICS 1000;
