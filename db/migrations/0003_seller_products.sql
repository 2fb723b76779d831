ALTER TABLE "variants" ALTER COLUMN "price" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "option_groups" ADD COLUMN "archived" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "option_values" ADD COLUMN "archived" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "product_status_events" ADD COLUMN "snapshot" jsonb;--> statement-breakpoint
ALTER TABLE "variants" ADD COLUMN "active" boolean DEFAULT true NOT NULL;