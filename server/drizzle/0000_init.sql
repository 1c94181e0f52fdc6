CREATE TABLE "territory_nodes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_id" uuid,
	"path" text NOT NULL,
	"village_kind" text,
	"grid_kind" text,
	"special_type" text,
	"geometry" jsonb,
	"min_lng" double precision,
	"min_lat" double precision,
	"max_lng" double precision,
	"max_lat" double precision,
	"is_generated" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "territory_nodes_code_unique" UNIQUE("code"),
	CONSTRAINT "territory_nodes_path_unique" UNIQUE("path"),
	CONSTRAINT "territory_nodes_level_check" CHECK ("territory_nodes"."level" in ('county','town','village','grid')),
	CONSTRAINT "territory_nodes_root_check" CHECK (("territory_nodes"."level" = 'county') = ("territory_nodes"."parent_id" is null)),
	CONSTRAINT "territory_nodes_grid_kind_check" CHECK (("territory_nodes"."level" = 'grid') = ("territory_nodes"."grid_kind" is not null)),
	CONSTRAINT "territory_nodes_bbox_check" CHECK ("territory_nodes"."geometry" is null or ("territory_nodes"."min_lng" <= "territory_nodes"."max_lng" and "territory_nodes"."min_lat" <= "territory_nodes"."max_lat"))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"staff_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"unit_id" uuid,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_username_unique" UNIQUE("username"),
	CONSTRAINT "staff_role_check" CHECK ("staff"."role" in ('grid_worker','cadre','community_staff','center_operator','department_staff','leader','admin'))
);
--> statement-breakpoint
CREATE TABLE "staff_nodes" (
	"staff_id" uuid NOT NULL,
	"node_id" uuid NOT NULL,
	CONSTRAINT "staff_nodes_staff_id_node_id_pk" PRIMARY KEY("staff_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"kind" text NOT NULL,
	"territory_node_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_code_unique" UNIQUE("code"),
	CONSTRAINT "units_kind_check" CHECK ("units"."kind" in ('department','office','community','partner'))
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"code" text PRIMARY KEY NOT NULL,
	"group_code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"colour" text NOT NULL,
	"level" text NOT NULL,
	"respond_minutes" integer NOT NULL,
	"resolve_hours" integer NOT NULL,
	"clock" text NOT NULL,
	"verification" text NOT NULL,
	"default_unit_id" uuid,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "categories_colour_check" CHECK ("categories"."colour" in ('red','yellow','green')),
	CONSTRAINT "categories_level_check" CHECK ("categories"."level" in ('grid','village','town','department')),
	CONSTRAINT "categories_clock_check" CHECK ("categories"."clock" in ('continuous','working_hours','working_days')),
	CONSTRAINT "categories_verification_check" CHECK ("categories"."verification" in ('on_site','reporter','none')),
	CONSTRAINT "categories_limits_check" CHECK ("categories"."respond_minutes" > 0 and "categories"."resolve_hours" > 0)
);
--> statement-breakpoint
CREATE TABLE "category_groups" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"county_code" text NOT NULL,
	"channel" text NOT NULL,
	"demand_type" text NOT NULL,
	"category_code" text,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"colour" text NOT NULL,
	"level" text NOT NULL,
	"territory_node_id" uuid NOT NULL,
	"territory_path" text NOT NULL,
	"grid_id" uuid,
	"basic_grid_id" uuid,
	"lat" double precision,
	"lng" double precision,
	"address" text,
	"reporter_id" uuid,
	"is_anonymous" boolean DEFAULT false NOT NULL,
	"assignee_kind" text,
	"assignee_node_id" uuid,
	"assignee_unit_id" uuid,
	"assignee_user_id" uuid,
	"handler_id" uuid,
	"respond_by" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"resolve_by" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"handled_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"merged_into_id" uuid,
	"has_left_grid" boolean DEFAULT false NOT NULL,
	"escalation_count" integer DEFAULT 0 NOT NULL,
	"rework_count" integer DEFAULT 0 NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"extension_count" integer DEFAULT 0 NOT NULL,
	"extension_hours" integer DEFAULT 0 NOT NULL,
	"pending_extension_hours" integer,
	"pending_extension_by_id" uuid,
	"long_term_until" timestamp with time zone,
	"created_by_id" uuid,
	"idempotency_scope" text,
	"idempotency_key" text,
	"request_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cases_number_unique" UNIQUE("number"),
	CONSTRAINT "cases_status_check" CHECK ("cases"."status" in ('reported','accepted','rejected','merged','dispatched','returned','in_progress','handled','rework','closed')),
	CONSTRAINT "cases_colour_check" CHECK ("cases"."colour" in ('red','yellow','green')),
	CONSTRAINT "cases_level_check" CHECK ("cases"."level" in ('grid','village','town','department')),
	CONSTRAINT "cases_assignee_check" CHECK (("cases"."assignee_kind" is null and "cases"."assignee_node_id" is null and "cases"."assignee_unit_id" is null and "cases"."assignee_user_id" is null)
        or ("cases"."assignee_kind" = 'node' and "cases"."assignee_node_id" is not null and "cases"."assignee_user_id" is null)
        or ("cases"."assignee_kind" = 'unit' and "cases"."assignee_unit_id" is not null and "cases"."assignee_user_id" is null)
        or ("cases"."assignee_kind" = 'user' and "cases"."assignee_user_id" is not null)),
	CONSTRAINT "cases_anonymous_check" CHECK (not ("cases"."is_anonymous" and "cases"."reporter_id" is not null)),
	CONSTRAINT "cases_merged_check" CHECK (("cases"."status" = 'merged') = ("cases"."merged_into_id" is not null)),
	CONSTRAINT "cases_location_check" CHECK (("cases"."lat" is null) = ("cases"."lng" is null))
);
--> statement-breakpoint
CREATE TABLE "reporters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name_encrypted" text,
	"phone_encrypted" text,
	"phone_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid,
	"kind" text,
	"mime_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"image" "bytea" NOT NULL,
	"thumbnail" "bytea" NOT NULL,
	"taken_at" timestamp with time zone,
	"exif_lat" double precision,
	"exif_lng" double precision,
	"uploaded_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attached_at" timestamp with time zone,
	CONSTRAINT "photos_kind_check" CHECK ("photos"."kind" is null or "photos"."kind" in ('report','evidence')),
	CONSTRAINT "photos_attached_check" CHECK (("photos"."case_id" is null) = ("photos"."kind" is null) and ("photos"."case_id" is null) = ("photos"."attached_at" is null)),
	CONSTRAINT "photos_exif_check" CHECK (("photos"."exif_lat" is null) = ("photos"."exif_lng" is null))
);
--> statement-breakpoint
ALTER TABLE "territory_nodes" ADD CONSTRAINT "territory_nodes_parent_id_territory_nodes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_nodes" ADD CONSTRAINT "staff_nodes_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_nodes" ADD CONSTRAINT "staff_nodes_node_id_territory_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_territory_node_id_territory_nodes_id_fk" FOREIGN KEY ("territory_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_group_code_category_groups_code_fk" FOREIGN KEY ("group_code") REFERENCES "public"."category_groups"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_default_unit_id_units_id_fk" FOREIGN KEY ("default_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_id_staff_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_demand_type_demand_types_code_fk" FOREIGN KEY ("demand_type") REFERENCES "public"."demand_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_territory_node_id_territory_nodes_id_fk" FOREIGN KEY ("territory_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_grid_id_territory_nodes_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_basic_grid_id_territory_nodes_id_fk" FOREIGN KEY ("basic_grid_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_reporter_id_reporters_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."reporters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_node_id_territory_nodes_id_fk" FOREIGN KEY ("assignee_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_unit_id_units_id_fk" FOREIGN KEY ("assignee_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_user_id_staff_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_handler_id_staff_id_fk" FOREIGN KEY ("handler_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_merged_into_id_cases_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_pending_extension_by_id_staff_id_fk" FOREIGN KEY ("pending_extension_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_uploaded_by_id_staff_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "territory_nodes_path_prefix" ON "territory_nodes" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "territory_nodes_parent" ON "territory_nodes" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "territory_nodes_level" ON "territory_nodes" USING btree ("level");--> statement-breakpoint
CREATE INDEX "sessions_staff" ON "sessions" USING btree ("staff_id");--> statement-breakpoint
CREATE INDEX "staff_nodes_node" ON "staff_nodes" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "case_events_case" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "cases_territory_path" ON "cases" USING btree ("territory_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "cases_status" ON "cases" USING btree ("status");--> statement-breakpoint
CREATE INDEX "cases_assignee_unit" ON "cases" USING btree ("assignee_unit_id");--> statement-breakpoint
CREATE INDEX "cases_assignee_user" ON "cases" USING btree ("assignee_user_id");--> statement-breakpoint
CREATE INDEX "cases_grid" ON "cases" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "cases_category" ON "cases" USING btree ("category_code");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_idempotency" ON "cases" USING btree ("idempotency_scope","idempotency_key") WHERE "cases"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "reporters_phone_hash" ON "reporters" USING btree ("phone_hash");--> statement-breakpoint
CREATE INDEX "photos_case" ON "photos" USING btree ("case_id");