CREATE INDEX "escalations_target_idx" ON "escalations" USING btree ("target_partner_id","opened_at");--> statement-breakpoint
CREATE INDEX "checkin_misses_partner_idx" ON "checkin_misses" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "checkin_runs_close_idx" ON "checkin_runs" USING btree ("close_at");--> statement-breakpoint
CREATE INDEX "risks_partner_review_idx" ON "risks" USING btree ("partner_id","review_on");