-- Entries recorded before this migration were in their contract's currency (a currency change was refused once
-- anything was approved). 'XXX' (ISO 4217: no currency) marks any without a contract, so settling lists them
-- instead of guessing.
ALTER TABLE "accrued_entries" ADD COLUMN "currency" text;--> statement-breakpoint
ALTER TABLE "settlement_entries" ADD COLUMN "currency" text;--> statement-breakpoint
UPDATE "accrued_entries" SET "currency" = COALESCE((SELECT "currency" FROM "contracts" WHERE "contracts"."partner_id" = "accrued_entries"."partner_id"), 'XXX');--> statement-breakpoint
UPDATE "settlement_entries" SET "currency" = COALESCE((SELECT "currency" FROM "contracts" WHERE "contracts"."partner_id" = "settlement_entries"."partner_id"), 'XXX');--> statement-breakpoint
ALTER TABLE "accrued_entries" ALTER COLUMN "currency" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "settlement_entries" ALTER COLUMN "currency" SET NOT NULL;
