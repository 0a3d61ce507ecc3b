CREATE TABLE "escalation_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"escalation_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"severity" text NOT NULL,
	"requested_severity" text,
	"title" text NOT NULL,
	"activity" text,
	"target_partner_id" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"policy" jsonb NOT NULL,
	"level" integer DEFAULT 1 NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"notified_at" timestamp with time zone NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"acknowledged_by" text,
	"acknowledged_at" timestamp with time zone,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"cancelled_by" text,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"breached_at" timestamp with time zone,
	"message_outbox_id" bigint,
	"request_key" text,
	CONSTRAINT "escalations_request_key_unique" UNIQUE("request_key")
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"scope" text NOT NULL,
	"scope_id" integer NOT NULL,
	"severity" text NOT NULL,
	"override" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sla_policies_scope_scope_id_severity_pk" PRIMARY KEY("scope","scope_id","severity")
);
--> statement-breakpoint
CREATE TABLE "sla_quotas" (
	"project_id" integer NOT NULL,
	"severity" text NOT NULL,
	"per_month" integer NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "escalation_events" ADD CONSTRAINT "escalation_events_escalation_id_escalations_id_fk" FOREIGN KEY ("escalation_id") REFERENCES "public"."escalations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_target_partner_id_partners_id_fk" FOREIGN KEY ("target_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_quotas" ADD CONSTRAINT "sla_quotas_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "escalation_events_escalation_idx" ON "escalation_events" USING btree ("escalation_id","at");--> statement-breakpoint
CREATE INDEX "escalations_project_idx" ON "escalations" USING btree ("project_id","opened_at");--> statement-breakpoint
CREATE INDEX "escalations_open_idx" ON "escalations" USING btree ("status") WHERE status in ('open', 'acknowledged');--> statement-breakpoint
CREATE INDEX "escalations_message_idx" ON "escalations" USING btree ("message_outbox_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_quotas_project_idx" ON "sla_quotas" USING btree ("project_id","severity");--> statement-breakpoint
CREATE INDEX "jobs_pending_key_idx" ON "jobs" USING btree ("key" text_pattern_ops) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "slack_outbox_ts_idx" ON "slack_outbox" USING btree (("result"->>'ts'));