CREATE TABLE "partner_contacts" (
	"partner_id" integer NOT NULL,
	"email" text NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "partner_contacts_partner_id_email_pk" PRIMARY KEY("partner_id","email")
);
--> statement-breakpoint
ALTER TABLE "project_partners" ADD COLUMN "invitation_state" text;--> statement-breakpoint
ALTER TABLE "project_partners" ADD COLUMN "invitee" text;--> statement-breakpoint
ALTER TABLE "project_partners" ADD COLUMN "invited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project_partners" ADD COLUMN "reinvites" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "project_partners" ADD COLUMN "invitation_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project_partners" ADD COLUMN "connected_team_id" text;--> statement-breakpoint
ALTER TABLE "project_partners" ADD COLUMN "welcomed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "partner_contacts" ADD CONSTRAINT "partner_contacts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;