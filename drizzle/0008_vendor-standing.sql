CREATE TABLE "partner_member_departures" (
	"id" serial PRIMARY KEY NOT NULL,
	"partner_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"reason" text NOT NULL,
	"left_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL,
	"reinstated_at" timestamp with time zone,
	"reinstated_by" text
);
--> statement-breakpoint
ALTER TABLE "partner_member_departures" ADD CONSTRAINT "partner_member_departures_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_member_departures_open_idx" ON "partner_member_departures" USING btree ("user_id") WHERE reinstated_at is null;--> statement-breakpoint
-- Carry over the history kept before this table existed, so nobody who left a partner stays a vendor member by default: hand-added members of partners that have exited, and members taken out with `partner member remove` (from the audit log, which recorded each removal).
INSERT INTO "partner_member_departures" ("partner_id", "user_id", "reason", "left_at", "recorded_by")
SELECT m."partner_id", m."user_id", 'exited', coalesce(p."exited_at", now()), 'system'
FROM "partner_members" m JOIN "partners" p ON p."id" = m."partner_id"
WHERE p."status" = 'exited';--> statement-breakpoint
INSERT INTO "partner_member_departures" ("partner_id", "user_id", "reason", "left_at", "recorded_by")
SELECT p."id", a."data"->>'userId', 'removed', a."at", a."actor"
FROM "audit_events" a JOIN "partners" p ON p."id"::text = a."entity_id"
WHERE a."action" = 'partner_member.removed' AND a."entity_type" = 'partner' AND a."data"->>'userId' IS NOT NULL;
