DROP INDEX "products_status_type_index";--> statement-breakpoint
DROP INDEX "products_seller_id_index";--> statement-breakpoint
DROP INDEX "products_name_ko_trgm";--> statement-breakpoint
DROP INDEX "products_name_en_trgm";--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "search_grams" text[] GENERATED ALWAYS AS (hub_search_grams("name_ko" || ' ' || "name_en")) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "price_min" integer;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "price_max" integer;--> statement-breakpoint
CREATE INDEX "products_status_category_price_max_id_index" ON "products" USING btree ("status","category","price_max" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "products_status_type_category_price_max_id_index" ON "products" USING btree ("status","type","category","price_max" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "products_seller_id_status_category_price_max_id_index" ON "products" USING btree ("seller_id","status","category","price_max" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "products_search_grams_index" ON "products" USING gin ("search_grams");--> statement-breakpoint
CREATE INDEX "order_items_variant_id_order_id_index" ON "order_items" USING btree ("variant_id","order_id");