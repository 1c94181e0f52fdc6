CREATE TABLE "case_followers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"resident_id" uuid,
	"reporter_id" uuid,
	"source" text NOT NULL,
	"merged_from_case_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"unfollowed_at" timestamp with time zone,
	"rating" text,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	CONSTRAINT "case_followers_who" CHECK (num_nonnulls("case_followers"."resident_id", "case_followers"."reporter_id") = 1),
	CONSTRAINT "case_followers_source" CHECK ("case_followers"."source" in ('resident','merge')),
	CONSTRAINT "case_followers_rating" CHECK (("case_followers"."rating" is null) = ("case_followers"."rated_at" is null))
);
--> statement-breakpoint
CREATE TABLE "duplicate_rules" (
	"scope" text PRIMARY KEY NOT NULL,
	"radius_m" integer NOT NULL,
	"window_days" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "duplicate_rules_radius" CHECK ("duplicate_rules"."radius_m" between 10 and 5000),
	CONSTRAINT "duplicate_rules_window" CHECK ("duplicate_rules"."window_days" between 1 and 365)
);
--> statement-breakpoint
ALTER TABLE "case_followers" ADD CONSTRAINT "case_followers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_followers" ADD CONSTRAINT "case_followers_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_followers" ADD CONSTRAINT "case_followers_reporter_id_reporters_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."reporters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_followers" ADD CONSTRAINT "case_followers_merged_from_case_id_cases_id_fk" FOREIGN KEY ("merged_from_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duplicate_rules" ADD CONSTRAINT "duplicate_rules_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_followers_resident" ON "case_followers" USING btree ("case_id","resident_id") WHERE "case_followers"."resident_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "case_followers_reporter" ON "case_followers" USING btree ("case_id","reporter_id") WHERE "case_followers"."reporter_id" is not null;--> statement-breakpoint
CREATE INDEX "case_followers_of_resident" ON "case_followers" USING btree ("resident_id");--> statement-breakpoint
CREATE INDEX "cases_open_location" ON "cases" USING btree ("lat","lng","created_at") WHERE "cases"."lat" is not null and "cases"."status" not in ('closed','rejected','merged');--> statement-breakpoint
INSERT INTO "duplicate_rules" ("scope", "radius_m", "window_days", "updated_at") VALUES ('*', 250, 30, now()) ON CONFLICT DO NOTHING;