CREATE TABLE "household_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"encoding" text,
	"byte_size" integer NOT NULL,
	"status" text NOT NULL,
	"headers" jsonb NOT NULL,
	"mapping" jsonb,
	"total_rows" integer,
	"bad_rows" integer,
	"households_created" integer,
	"households_updated" integer,
	"members_written" integer,
	"report" jsonb,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"validated_at" timestamp with time zone,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "household_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"household_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"name_encrypted" text,
	"phone_encrypted" text,
	"phone_hash" text,
	"id_number_encrypted" text,
	"id_number_hash" text,
	"relation" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"birth_year" integer,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY NOT NULL,
	"grid_id" uuid NOT NULL,
	"territory_path" text NOT NULL,
	"address" text NOT NULL,
	"building" text,
	"unit" text,
	"room" text,
	"lat" double precision,
	"lng" double precision,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"dedupe_key" text NOT NULL,
	"member_count" integer DEFAULT 0 NOT NULL,
	"last_visited_at" timestamp with time zone,
	"last_import_id" uuid,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"deactivated_at" timestamp with time zone,
	CONSTRAINT "households_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "households_lat_lng_check" CHECK (("households"."lat" is null) = ("households"."lng" is null))
);
--> statement-breakpoint
ALTER TABLE "pii_reveals" DROP CONSTRAINT "pii_reveals_subject_type_check";--> statement-breakpoint
ALTER TABLE "household_imports" ADD CONSTRAINT "household_imports_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_members" ADD CONSTRAINT "household_members_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_grid_id_territory_nodes_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "household_imports_created" ON "household_imports" USING btree ("created_by_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "household_members_household" ON "household_members" USING btree ("household_id","position");--> statement-breakpoint
CREATE INDEX "household_members_phone_hash" ON "household_members" USING btree ("phone_hash");--> statement-breakpoint
CREATE INDEX "household_members_id_number_hash" ON "household_members" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "households_territory_path" ON "households" USING btree ("territory_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "households_grid" ON "households" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "households_tags" ON "households" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "households_last_visited" ON "households" USING btree ("last_visited_at");--> statement-breakpoint
ALTER TABLE "pii_reveals" ADD CONSTRAINT "pii_reveals_subject_type_check" CHECK ("pii_reveals"."subject_type" in ('reporter','resident','household_member'));