ALTER TABLE "photos" ADD COLUMN "uploader" text;--> statement-breakpoint
UPDATE "photos" SET "uploader" = 'staff:' || "uploaded_by_id" WHERE "uploaded_by_id" IS NOT NULL;
