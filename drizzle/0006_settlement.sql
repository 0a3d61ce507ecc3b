CREATE TABLE "accrued_entries" (
	"partner_id" integer NOT NULL,
	"period" text NOT NULL,
	"cents" bigint NOT NULL,
	"entered_by" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "accrued_entries_partner_id_period_pk" PRIMARY KEY("partner_id","period")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"partner_id" integer PRIMARY KEY NOT NULL,
	"model" text NOT NULL,
	"currency" text NOT NULL,
	"rate_cents" bigint,
	"fee_cents" bigint,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settlement_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"partner_id" integer NOT NULL,
	"month" text NOT NULL,
	"kind" text NOT NULL,
	"cents" bigint NOT NULL,
	"reason" text NOT NULL,
	"origin_period" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" serial PRIMARY KEY NOT NULL,
	"partner_id" integer NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"model" text NOT NULL,
	"rate_cents" bigint,
	"fee_cents" bigint,
	"usage_seconds" bigint NOT NULL,
	"entered_cents" bigint NOT NULL,
	"basis" text NOT NULL,
	"accrued_cents" bigint NOT NULL,
	"score_hundredths" integer,
	"payable_cents" bigint NOT NULL,
	"deductions_cents" bigint NOT NULL,
	"adjustments_cents" bigint NOT NULL,
	"total_cents" bigint NOT NULL,
	"built_by" text NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "usage_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"partner_id" integer NOT NULL,
	"month" text NOT NULL,
	"seconds" bigint NOT NULL,
	"unit" text NOT NULL,
	"note" text,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accrued_entries" ADD CONSTRAINT "accrued_entries_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_entries" ADD CONSTRAINT "settlement_entries_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "settlement_entries_partner_month_idx" ON "settlement_entries" USING btree ("partner_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "statements_partner_period_idx" ON "statements" USING btree ("partner_id","period");--> statement-breakpoint
CREATE INDEX "statements_period_idx" ON "statements" USING btree ("period");--> statement-breakpoint
CREATE INDEX "usage_records_partner_month_idx" ON "usage_records" USING btree ("partner_id","month");