CREATE TABLE "case_suggestions" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"category_model_id" uuid,
	"categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"terms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"applied_category_code" text,
	"unit_model_id" uuid,
	"units" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "classification_feedback" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"suggested_code" text NOT NULL,
	"chosen_code" text NOT NULL,
	"by_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "classification_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"apply_threshold" double precision DEFAULT 0.6 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "classification_settings_one_row" CHECK ("classification_settings"."id" = 1),
	CONSTRAINT "classification_settings_threshold_check" CHECK ("classification_settings"."apply_threshold" between 0.05 and 1)
);
--> statement-breakpoint
CREATE TABLE "classifier_models" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'candidate' NOT NULL,
	"source" text DEFAULT 'cases' NOT NULL,
	"seed" integer NOT NULL,
	"trained_on" integer NOT NULL,
	"held_out" integer NOT NULL,
	"evaluation" jsonb NOT NULL,
	"file" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"training_ms" integer NOT NULL,
	"trained_by" uuid,
	"trained_at" timestamp with time zone NOT NULL,
	"activated_by" uuid,
	"activated_at" timestamp with time zone,
	CONSTRAINT "classifier_models_kind_check" CHECK ("classifier_models"."kind" in ('category','unit')),
	CONSTRAINT "classifier_models_status_check" CHECK ("classifier_models"."status" in ('candidate','active','retired'))
);
--> statement-breakpoint
ALTER TABLE "case_suggestions" ADD CONSTRAINT "case_suggestions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_suggestions" ADD CONSTRAINT "case_suggestions_category_model_id_classifier_models_id_fk" FOREIGN KEY ("category_model_id") REFERENCES "public"."classifier_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_suggestions" ADD CONSTRAINT "case_suggestions_unit_model_id_classifier_models_id_fk" FOREIGN KEY ("unit_model_id") REFERENCES "public"."classifier_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_feedback" ADD CONSTRAINT "classification_feedback_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_feedback" ADD CONSTRAINT "classification_feedback_by_id_staff_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_settings" ADD CONSTRAINT "classification_settings_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classifier_models" ADD CONSTRAINT "classifier_models_trained_by_staff_id_fk" FOREIGN KEY ("trained_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classifier_models" ADD CONSTRAINT "classifier_models_activated_by_staff_id_fk" FOREIGN KEY ("activated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_suggestions_applied" ON "case_suggestions" USING btree ("applied_category_code");--> statement-breakpoint
CREATE INDEX "classification_feedback_case" ON "classification_feedback" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "classification_feedback_at" ON "classification_feedback" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "classifier_models_kind_version" ON "classifier_models" USING btree ("kind","version");--> statement-breakpoint
CREATE UNIQUE INDEX "classifier_models_one_active" ON "classifier_models" USING btree ("kind") WHERE "classifier_models"."status" = 'active';