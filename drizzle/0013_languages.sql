CREATE TABLE "user_languages" (
	"user_id" text PRIMARY KEY NOT NULL,
	"language" text NOT NULL,
	"set_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partners" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "language" text;