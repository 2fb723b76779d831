ALTER TYPE "public"."movement_kind" ADD VALUE 'transfer_return' BEFORE 'receipt';--> statement-breakpoint
ALTER TABLE "transfer_items" ADD COLUMN "disposition" text;--> statement-breakpoint
ALTER TABLE "transfer_items" ADD COLUMN "disposition_reason" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "reservation_id" uuid;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "attendance" text;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "attendance_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reservations" ADD COLUMN "attendance_by" uuid;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_attendance_by_users_id_fk" FOREIGN KEY ("attendance_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_reservation_id_unique" UNIQUE("reservation_id");--> statement-breakpoint
ALTER TABLE "transfer_items" ADD CONSTRAINT "transfer_items_disposition" CHECK ("transfer_items"."disposition" is null or "transfer_items"."disposition" in ('return', 'write_off'));--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_attendance" CHECK ("reservations"."attendance" is null or ("reservations"."attendance" in ('checked_in', 'no_show') and "reservations"."attendance_at" is not null));