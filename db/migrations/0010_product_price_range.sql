-- products.price_min / price_max: the range of the prices of the product's sellable variants (active and
-- priced: lib/catalog/sellable.ts; null when it has none), so that the shop's listing
-- (category, then the dearest first) is read in index order instead of computing max(price) per row.
-- Kept by statement-level triggers on variants, whoever writes them (seed, seller editor, imports).
-- Self-contained: the columns come from 0009_catalog_search_and_price_range; this adds functions, triggers, backfill.

-- Recomputes the range of these products. It locks them first (in id order) and reads the prices in a
-- second statement: under READ COMMITTED that statement sees every variant committed by a transaction
-- it waited for, so two sellers changing variants of one product at once cannot leave a stale range.
CREATE OR REPLACE FUNCTION hub_refresh_price_range(ids uuid[]) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM 1 FROM products WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  UPDATE products p SET price_min = r.lo, price_max = r.hi
  FROM (
    SELECT u.id,
      (SELECT min(v.price) FROM variants v WHERE v.product_id = u.id AND v.active AND v.price IS NOT NULL) AS lo,
      (SELECT max(v.price) FROM variants v WHERE v.product_id = u.id AND v.active AND v.price IS NOT NULL) AS hi
    FROM (SELECT DISTINCT x AS id FROM unnest(ids) AS x) u
  ) r
  WHERE p.id = r.id AND (p.price_min IS DISTINCT FROM r.lo OR p.price_max IS DISTINCT FROM r.hi);
END
$$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION hub_variants_price_range() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM hub_refresh_price_range(ARRAY(SELECT DISTINCT product_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM hub_refresh_price_range(ARRAY(SELECT DISTINCT product_id FROM old_rows));
  ELSE
    PERFORM hub_refresh_price_range(ARRAY(SELECT product_id FROM new_rows UNION SELECT product_id FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint

-- Transition tables need one trigger per event (and no column list, so any UPDATE fires it; the
-- refresh writes nothing when the range did not change): retiring a variant or clearing its price
-- narrows the range, restoring it widens it again.
CREATE TRIGGER variants_price_range_insert AFTER INSERT ON variants
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hub_variants_price_range();--> statement-breakpoint
CREATE TRIGGER variants_price_range_update AFTER UPDATE ON variants
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hub_variants_price_range();--> statement-breakpoint
CREATE TRIGGER variants_price_range_delete AFTER DELETE ON variants
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hub_variants_price_range();--> statement-breakpoint

UPDATE products p SET
  price_min = (SELECT min(v.price) FROM variants v WHERE v.product_id = p.id AND v.active AND v.price IS NOT NULL),
  price_max = (SELECT max(v.price) FROM variants v WHERE v.product_id = p.id AND v.active AND v.price IS NOT NULL);
