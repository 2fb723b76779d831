CREATE TABLE "product_search_grams" (
	"gram" text NOT NULL,
	"product_id" uuid NOT NULL,
	"status" "product_status" NOT NULL,
	"category" "product_category" NOT NULL,
	"price_max" integer,
	"type" "product_type" NOT NULL,
	"seller_id" uuid NOT NULL,
	CONSTRAINT "product_search_grams_gram_product_id_pk" PRIMARY KEY("gram","product_id")
);
--> statement-breakpoint
ALTER TABLE "product_search_grams" ADD CONSTRAINT "product_search_grams_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;