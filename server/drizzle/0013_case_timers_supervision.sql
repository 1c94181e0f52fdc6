CREATE TABLE "case_timers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ref_id" text,
	"due_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"retry_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"timer_id" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid,
	"addressed_to" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"via" text NOT NULL,
	"level" text NOT NULL,
	"due_at" timestamp with time zone,
	"overdue_minutes" integer DEFAULT 0 NOT NULL,
	"note" text,
	"auto_escalation" text,
	"escalated_to_level" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"reply" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supervision_notices_number_unique" UNIQUE("number"),
	CONSTRAINT "supervision_notices_timer_id_unique" UNIQUE("timer_id"),
	CONSTRAINT "supervision_notices_kind" CHECK ("supervision_notices"."kind" in ('respond_overdue','resolve_overdue','checkin_overdue','manual')),
	CONSTRAINT "supervision_notices_via" CHECK ("supervision_notices"."via" in ('assignment','territory','manual')),
	CONSTRAINT "supervision_notices_ack" CHECK (("supervision_notices"."acknowledged_at" is null) = ("supervision_notices"."acknowledged_by" is null))
);
--> statement-breakpoint
CREATE TABLE "supervision_serials" (
	"county_code" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "supervision_serials_county_code_day_pk" PRIMARY KEY("county_code","day")
);
--> statement-breakpoint
ALTER TABLE "case_timers" ADD CONSTRAINT "case_timers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_timer_id_case_timers_id_fk" FOREIGN KEY ("timer_id") REFERENCES "public"."case_timers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_issued_by_staff_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_acknowledged_by_staff_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_timers_due" ON "case_timers" USING btree ("due_at") WHERE "case_timers"."fired_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "case_timers_pending_unique" ON "case_timers" USING btree ("case_id","kind",coalesce("ref_id", '')) WHERE "case_timers"."fired_at" is null;--> statement-breakpoint
CREATE INDEX "case_timers_case" ON "case_timers" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "supervision_notices_case" ON "supervision_notices" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "supervision_notices_issued" ON "supervision_notices" USING btree ("issued_at");--> statement-breakpoint
CREATE INDEX "supervision_notices_open" ON "supervision_notices" USING btree ("issued_at") WHERE "supervision_notices"."acknowledged_at" is null;