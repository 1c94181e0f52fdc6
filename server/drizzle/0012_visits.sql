CREATE TABLE "visit_cadences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"node_id" uuid NOT NULL,
	"households_per_day" integer DEFAULT 7 NOT NULL,
	"cycle_days" integer DEFAULT 60 NOT NULL,
	"working_days_only" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_cadences_node_id_unique" UNIQUE("node_id"),
	CONSTRAINT "visit_cadences_per_day_check" CHECK ("visit_cadences"."households_per_day" between 1 and 50),
	CONSTRAINT "visit_cadences_cycle_check" CHECK ("visit_cadences"."cycle_days" between 7 and 366)
);
--> statement-breakpoint
CREATE TABLE "visit_cases" (
	"case_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_cases_case_id_pk" PRIMARY KEY("case_id")
);
--> statement-breakpoint
CREATE TABLE "visit_photos" (
	"photo_id" uuid PRIMARY KEY NOT NULL,
	"visit_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_plan_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_date" date NOT NULL,
	"staff_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"town_node_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"visit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_plan_items_status_check" CHECK ("visit_plan_items"."status" in ('planned','visited','skipped')),
	CONSTRAINT "visit_plan_items_visit_check" CHECK (("visit_plan_items"."status" = 'visited') = ("visit_plan_items"."visit_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"request_hash" text NOT NULL,
	"household_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"grid_id" uuid NOT NULL,
	"territory_path" text NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"notes" text DEFAULT '' NOT NULL,
	"raised" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_lat_lng_check" CHECK (("visits"."lat" is null) = ("visits"."lng" is null))
);
--> statement-breakpoint
ALTER TABLE "visit_cadences" ADD CONSTRAINT "visit_cadences_node_id_territory_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_cadences" ADD CONSTRAINT "visit_cadences_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_cases" ADD CONSTRAINT "visit_cases_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_cases" ADD CONSTRAINT "visit_cases_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_cases" ADD CONSTRAINT "visit_cases_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_photos" ADD CONSTRAINT "visit_photos_photo_id_photos_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."photos"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_photos" ADD CONSTRAINT "visit_photos_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plan_items" ADD CONSTRAINT "visit_plan_items_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plan_items" ADD CONSTRAINT "visit_plan_items_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plan_items" ADD CONSTRAINT "visit_plan_items_town_node_id_territory_nodes_id_fk" FOREIGN KEY ("town_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_plan_items" ADD CONSTRAINT "visit_plan_items_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_grid_id_territory_nodes_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_cases_visit" ON "visit_cases" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "visit_cases_household" ON "visit_cases" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "visit_photos_visit" ON "visit_photos" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "visit_plan_items_staff_date" ON "visit_plan_items" USING btree ("staff_id","plan_date");--> statement-breakpoint
CREATE INDEX "visit_plan_items_town_date" ON "visit_plan_items" USING btree ("town_node_id","plan_date");--> statement-breakpoint
CREATE INDEX "visit_plan_items_household" ON "visit_plan_items" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visits_client" ON "visits" USING btree ("staff_id","client_id");--> statement-breakpoint
CREATE INDEX "visits_household" ON "visits" USING btree ("household_id","visited_at");--> statement-breakpoint
CREATE INDEX "visits_staff" ON "visits" USING btree ("staff_id","visited_at");--> statement-breakpoint
CREATE INDEX "visits_territory_path" ON "visits" USING btree ("territory_path" text_pattern_ops);