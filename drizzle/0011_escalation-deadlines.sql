ALTER TABLE "escalations" ADD COLUMN "ack_deadline" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "resolve_deadline" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "escalations_opened_idx" ON "escalations" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "escalations_deadline_missing_idx" ON "escalations" USING btree ("id") WHERE ack_deadline is null or resolve_deadline is null;