CREATE TABLE "notification_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"recipient_key" text NOT NULL,
	"staff_id" uuid,
	"channel" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notification_deliveries_channel" CHECK ("notification_deliveries"."channel" in ('email','sms')),
	CONSTRAINT "notification_deliveries_status_check" CHECK ("notification_deliveries"."status" in ('pending','sent','failed','skipped'))
);
--> statement-breakpoint
CREATE TABLE "notification_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"case_id" uuid,
	"recipients" jsonb NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"fanned_out_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"staff_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"channels" text[] NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_preferences_staff_id_event_type_pk" PRIMARY KEY("staff_id","event_type"),
	CONSTRAINT "notification_preferences_channels" CHECK ("notification_preferences"."channels" <@ array['in_app','email','sms']::text[])
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"locale" text DEFAULT 'zh' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_settings_locale" CHECK ("notification_settings"."locale" in ('zh','en'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"type" text NOT NULL,
	"case_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subscription_id" uuid NOT NULL,
	"event_id" uuid,
	"event_type" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"round" integer DEFAULT 0 NOT NULL,
	"response_status" integer,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"request_body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "webhook_deliveries_status_check" CHECK ("webhook_deliveries"."status" in ('pending','delivered','failed','dead'))
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"secret_encrypted" text NOT NULL,
	"event_types" text[] NOT NULL,
	"node_ids" uuid[] NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "webhook_subscriptions_scope" CHECK (cardinality("webhook_subscriptions"."node_ids") > 0 and cardinality("webhook_subscriptions"."event_types") > 0)
);
--> statement-breakpoint
CREATE TABLE "case_ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"rating" text NOT NULL,
	"comment" text,
	"channel" text NOT NULL,
	"resident_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_ratings_rating_check" CHECK ("case_ratings"."rating" in ('satisfied','fairlySatisfied','dissatisfied')),
	CONSTRAINT "case_ratings_channel_check" CHECK ("case_ratings"."channel" in ('tracking','resident','staff-on-behalf'))
);
--> statement-breakpoint
CREATE TABLE "case_whistles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"grade" text NOT NULL,
	"blown_by" uuid NOT NULL,
	"blown_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"window_minutes" integer NOT NULL,
	"clock" text NOT NULL,
	CONSTRAINT "case_whistles_grade_check" CHECK ("case_whistles"."grade" in ('routine','raised','emergency'))
);
--> statement-breakpoint
CREATE TABLE "rating_settings" (
	"scope" text PRIMARY KEY NOT NULL,
	"reopen_on_dissatisfied" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "whistle_parties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"whistle_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"party_kind" text NOT NULL,
	"party_id" uuid NOT NULL,
	"check_in_by" timestamp with time zone NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"progress_note" text,
	"progress_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"overdue_at" timestamp with time zone,
	CONSTRAINT "whistle_parties_kind_check" CHECK ("whistle_parties"."party_kind" in ('unit','user','node'))
);
--> statement-breakpoint
CREATE TABLE "whistle_settings" (
	"grade" text PRIMARY KEY NOT NULL,
	"roles" jsonb NOT NULL,
	"window_minutes" integer NOT NULL,
	"clock" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "whistle_settings_window_check" CHECK ("whistle_settings"."window_minutes" > 0)
);
--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_event_id_notification_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."notification_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_event_id_notification_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."notification_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."webhook_subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_notification_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."notification_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_ratings" ADD CONSTRAINT "case_ratings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_ratings" ADD CONSTRAINT "case_ratings_resident_id_residents_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."residents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_ratings" ADD CONSTRAINT "case_ratings_recorded_by_staff_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_whistles" ADD CONSTRAINT "case_whistles_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_whistles" ADD CONSTRAINT "case_whistles_blown_by_staff_id_fk" FOREIGN KEY ("blown_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_settings" ADD CONSTRAINT "rating_settings_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistle_parties" ADD CONSTRAINT "whistle_parties_whistle_id_case_whistles_id_fk" FOREIGN KEY ("whistle_id") REFERENCES "public"."case_whistles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistle_parties" ADD CONSTRAINT "whistle_parties_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistle_parties" ADD CONSTRAINT "whistle_parties_checked_in_by_staff_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistle_parties" ADD CONSTRAINT "whistle_parties_completed_by_staff_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whistle_settings" ADD CONSTRAINT "whistle_settings_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_deliveries_once" ON "notification_deliveries" USING btree ("event_id","channel","recipient_key");--> statement-breakpoint
CREATE INDEX "notification_deliveries_status" ON "notification_deliveries" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "notification_events_case" ON "notification_events" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "notification_events_type" ON "notification_events" USING btree ("type","id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_event_staff" ON "notifications" USING btree ("event_id","staff_id");--> statement-breakpoint
CREATE INDEX "notifications_staff" ON "notifications" USING btree ("staff_id","id");--> statement-breakpoint
CREATE INDEX "notifications_staff_unread" ON "notifications" USING btree ("staff_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_once" ON "webhook_deliveries" USING btree ("subscription_id","event_id") WHERE "webhook_deliveries"."event_id" is not null;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_subscription" ON "webhook_deliveries" USING btree ("subscription_id","id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_status" ON "webhook_deliveries" USING btree ("status","id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_ratings_round" ON "case_ratings" USING btree ("case_id","round");--> statement-breakpoint
CREATE INDEX "case_whistles_case" ON "case_whistles" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "whistle_parties_case" ON "whistle_parties" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "whistle_parties_party" ON "whistle_parties" USING btree ("party_id","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "whistle_parties_unique" ON "whistle_parties" USING btree ("whistle_id","party_kind","party_id");