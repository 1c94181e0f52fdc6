CREATE TABLE "holidays" (
	"date" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "holidays_date_check" CHECK ("holidays"."date" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
	CONSTRAINT "holidays_kind_check" CHECK ("holidays"."kind" in ('holiday','workday')),
	CONSTRAINT "holidays_source_check" CHECK ("holidays"."source" in ('reference','import','manual'))
);
--> statement-breakpoint
CREATE TABLE "deadline_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"category_code" text,
	"colour" text,
	"level" text,
	"respond_minutes" integer NOT NULL,
	"resolve_minutes" integer NOT NULL,
	"clock" text NOT NULL,
	"auto_escalate" boolean DEFAULT false NOT NULL,
	"warn_fraction" numeric(4, 3) DEFAULT 0.8 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "deadline_policies_match_unique" UNIQUE NULLS NOT DISTINCT("category_code","colour","level"),
	CONSTRAINT "deadline_policies_colour_check" CHECK ("deadline_policies"."colour" is null or "deadline_policies"."colour" in ('red','yellow','green')),
	CONSTRAINT "deadline_policies_level_check" CHECK ("deadline_policies"."level" is null or "deadline_policies"."level" in ('grid','village','town','department')),
	CONSTRAINT "deadline_policies_clock_check" CHECK ("deadline_policies"."clock" in ('continuous','working_hours','working_days')),
	CONSTRAINT "deadline_policies_limits_check" CHECK ("deadline_policies"."respond_minutes" > 0 and "deadline_policies"."resolve_minutes" > 0),
	CONSTRAINT "deadline_policies_warn_check" CHECK ("deadline_policies"."warn_fraction" > 0 and "deadline_policies"."warn_fraction" < 1)
);
--> statement-breakpoint
ALTER TABLE "holidays" ADD CONSTRAINT "holidays_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_policies" ADD CONSTRAINT "deadline_policies_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_policies" ADD CONSTRAINT "deadline_policies_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;