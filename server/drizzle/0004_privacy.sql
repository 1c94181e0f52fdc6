CREATE TABLE "pii_reveals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"staff_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"case_id" uuid,
	"fields" text[] NOT NULL,
	"reason" text NOT NULL,
	"ip" "inet",
	CONSTRAINT "pii_reveals_subject_type_check" CHECK ("pii_reveals"."subject_type" in ('reporter','resident')),
	CONSTRAINT "pii_reveals_reason_check" CHECK (length("pii_reveals"."reason") >= 4)
);
--> statement-breakpoint
ALTER TABLE "pii_reveals" ADD CONSTRAINT "pii_reveals_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pii_reveals" ADD CONSTRAINT "pii_reveals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pii_reveals_at" ON "pii_reveals" USING btree ("at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pii_reveals_staff" ON "pii_reveals" USING btree ("staff_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pii_reveals_case" ON "pii_reveals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "pii_reveals_subject" ON "pii_reveals" USING btree ("subject_type","subject_id");