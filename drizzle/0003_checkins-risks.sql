CREATE TABLE "checkin_answers" (
	"run_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"values" jsonb NOT NULL,
	"text" text,
	"via" text NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "checkin_answers_run_id_user_id_pk" PRIMARY KEY("run_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "checkin_misses" (
	"run_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"partner_id" integer,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "checkin_misses_run_id_user_id_pk" PRIMARY KEY("run_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "checkin_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"schedule_id" integer,
	"project_id" integer NOT NULL,
	"kind" text NOT NULL,
	"occurrence" timestamp with time zone NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"questions" jsonb NOT NULL,
	"expected" jsonb NOT NULL,
	"remind_at" timestamp with time zone NOT NULL,
	"close_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"message_outbox_id" bigint,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkin_schedules" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"kind" text NOT NULL,
	"cron" text NOT NULL,
	"time_zone" text NOT NULL,
	"remind_ms" bigint NOT NULL,
	"close_ms" bigint NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "risk_overdue_flags" (
	"risk_id" integer NOT NULL,
	"run_id" integer NOT NULL,
	"review_on" date NOT NULL,
	"partner_id" integer,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_overdue_flags_risk_id_run_id_pk" PRIMARY KEY("risk_id","run_id")
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"owner_user_id" text,
	"partner_id" integer,
	"review_on" date,
	"mitigation" text,
	"status" text DEFAULT 'open' NOT NULL,
	"close_note" text,
	"source_run_id" integer,
	"source_key" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "risks_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
ALTER TABLE "checkin_answers" ADD CONSTRAINT "checkin_answers_run_id_checkin_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."checkin_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_misses" ADD CONSTRAINT "checkin_misses_run_id_checkin_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."checkin_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_misses" ADD CONSTRAINT "checkin_misses_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_runs" ADD CONSTRAINT "checkin_runs_schedule_id_checkin_schedules_id_fk" FOREIGN KEY ("schedule_id") REFERENCES "public"."checkin_schedules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_runs" ADD CONSTRAINT "checkin_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_schedules" ADD CONSTRAINT "checkin_schedules_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_overdue_flags" ADD CONSTRAINT "risk_overdue_flags_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_overdue_flags" ADD CONSTRAINT "risk_overdue_flags_run_id_checkin_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."checkin_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_overdue_flags" ADD CONSTRAINT "risk_overdue_flags_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_source_run_id_checkin_runs_id_fk" FOREIGN KEY ("source_run_id") REFERENCES "public"."checkin_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checkin_runs_occurrence_idx" ON "checkin_runs" USING btree ("schedule_id","occurrence") WHERE schedule_id is not null;--> statement-breakpoint
CREATE INDEX "checkin_runs_project_idx" ON "checkin_runs" USING btree ("project_id","occurrence");--> statement-breakpoint
CREATE INDEX "checkin_runs_message_idx" ON "checkin_runs" USING btree ("message_outbox_id");--> statement-breakpoint
CREATE INDEX "risks_project_idx" ON "risks" USING btree ("project_id","status");