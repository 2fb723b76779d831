-- The search's postings (product_search_grams, created by 0014): one row per gram of a product's names,
-- with the listing's sort keys, so that the products holding a gram are read in the shop's order
-- (category, the dearest first, id) from one btree range, and a search stops at its page instead of
-- collecting and sorting every match (docs/decisions/0008-korean-partial-search.md). Self-contained:
-- the index, the trigger that keeps the postings equal to products, and the backfill.

-- The listing order per gram; type and seller_id ride along (INCLUDE) so that the type and storefront
-- filters are checked in the index, without visiting products.
CREATE INDEX "product_search_grams_listing_index" ON "product_search_grams"
  USING btree ("gram", "status", "category", "price_max" DESC NULLS LAST, "product_id") INCLUDE ("type", "seller_id");--> statement-breakpoint

-- Whoever writes products (seed, seller centre, the price-range trigger on variants), the postings
-- follow in the same transaction: new grams replace the old ones; a change of only the sort or filter
-- keys rewrites the product's rows in place. A deleted product's rows go by the foreign key's cascade.
CREATE OR REPLACE FUNCTION hub_products_search_postings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.search_grams = NEW.search_grams THEN
    UPDATE product_search_grams
      SET status = NEW.status, category = NEW.category, price_max = NEW.price_max, type = NEW.type, seller_id = NEW.seller_id
      WHERE gram = ANY (NEW.search_grams) AND product_id = NEW.id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM product_search_grams WHERE gram = ANY (OLD.search_grams) AND product_id = OLD.id;
  END IF;
  INSERT INTO product_search_grams (gram, product_id, status, category, price_max, type, seller_id)
    SELECT g, NEW.id, NEW.status, NEW.category, NEW.price_max, NEW.type, NEW.seller_id
    FROM unnest(NEW.search_grams) AS g;
  RETURN NULL;
END
$$;--> statement-breakpoint

CREATE TRIGGER products_search_postings_insert AFTER INSERT ON products
  FOR EACH ROW EXECUTE FUNCTION hub_products_search_postings();--> statement-breakpoint
CREATE TRIGGER products_search_postings_update AFTER UPDATE ON products
  FOR EACH ROW
  WHEN (OLD.search_grams IS DISTINCT FROM NEW.search_grams OR OLD.status IS DISTINCT FROM NEW.status
    OR OLD.category IS DISTINCT FROM NEW.category OR OLD.price_max IS DISTINCT FROM NEW.price_max
    OR OLD.type IS DISTINCT FROM NEW.type OR OLD.seller_id IS DISTINCT FROM NEW.seller_id)
  EXECUTE FUNCTION hub_products_search_postings();--> statement-breakpoint

INSERT INTO product_search_grams (gram, product_id, status, category, price_max, type, seller_id)
  SELECT g, p.id, p.status, p.category, p.price_max, p.type, p.seller_id
  FROM products p, unnest(p.search_grams) AS g;
