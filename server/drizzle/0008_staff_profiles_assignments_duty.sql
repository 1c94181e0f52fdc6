CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"node_id" uuid NOT NULL,
	"tier" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_id" uuid,
	"ended_at" timestamp with time zone,
	"ended_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assignments_tier_check" CHECK ("assignments"."tier" in ('village_member','town_cadre','town_leader')),
	CONSTRAINT "assignments_dates_check" CHECK ("assignments"."ends_on" is null or "assignments"."ends_on" >= "assignments"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "duty_shifts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"town_node_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_id" uuid,
	"cancelled_at" timestamp with time zone,
	"cancelled_by_id" uuid,
	CONSTRAINT "duty_shifts_range_check" CHECK ("duty_shifts"."ends_at" > "duty_shifts"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "duties" text;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "phone_encrypted" text;--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "phone_hash" text;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_node_id_territory_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_ended_by_id_staff_id_fk" FOREIGN KEY ("ended_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_shifts" ADD CONSTRAINT "duty_shifts_town_node_id_territory_nodes_id_fk" FOREIGN KEY ("town_node_id") REFERENCES "public"."territory_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_shifts" ADD CONSTRAINT "duty_shifts_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_shifts" ADD CONSTRAINT "duty_shifts_created_by_id_staff_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_shifts" ADD CONSTRAINT "duty_shifts_cancelled_by_id_staff_id_fk" FOREIGN KEY ("cancelled_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_node" ON "assignments" USING btree ("node_id","tier");--> statement-breakpoint
CREATE INDEX "assignments_staff" ON "assignments" USING btree ("staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_open_unique" ON "assignments" USING btree ("staff_id","node_id","tier") WHERE "assignments"."ends_on" is null;--> statement-breakpoint
CREATE INDEX "duty_shifts_town_time" ON "duty_shifts" USING btree ("town_node_id","starts_at");--> statement-breakpoint
CREATE INDEX "duty_shifts_staff_time" ON "duty_shifts" USING btree ("staff_id","starts_at");--> statement-breakpoint
CREATE INDEX "staff_phone_hash" ON "staff" USING btree ("phone_hash");