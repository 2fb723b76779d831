CREATE TABLE "reorder_points" (
	"location_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"reorder_point" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reorder_points_location_id_variant_id_pk" PRIMARY KEY("location_id","variant_id"),
	CONSTRAINT "reorder_point_range" CHECK ("reorder_points"."reorder_point" between 0 and 1000)
);
--> statement-breakpoint
ALTER TABLE "reorder_points" ADD CONSTRAINT "reorder_points_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reorder_points" ADD CONSTRAINT "reorder_points_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reorder_points" ADD CONSTRAINT "reorder_points_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;