ALTER TABLE "residents" ALTER COLUMN "phone_encrypted" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ALTER COLUMN "phone_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "residents" ADD CONSTRAINT "residents_phone_check" CHECK (("residents"."erased_at" is not null) or ("residents"."phone_encrypted" is not null and "residents"."phone_hash" is not null));