-- Reviewed: email_addresses, invalid_phone_numbers and user_subscription_groups are WITHOUT ROWID (drizzle-kit cannot express it).
CREATE TABLE `email_addresses` (
	`workspace_pk` integer NOT NULL,
	`email` text NOT NULL,
	`state` text,
	`state_at` integer,
	`unsubscribed_at` integer,
	`hard_bounced_at` integer,
	`spam_at` integer,
	`blocklisted_at` integer,
	PRIMARY KEY(`workspace_pk`, `email`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `email_addresses_unsubscribed_idx` ON `email_addresses` (`workspace_pk`,`unsubscribed_at`) WHERE "email_addresses"."unsubscribed_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `email_addresses_hard_bounced_idx` ON `email_addresses` (`workspace_pk`,`hard_bounced_at`) WHERE "email_addresses"."hard_bounced_at" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `invalid_phone_numbers` (
	`workspace_pk` integer NOT NULL,
	`phone` text NOT NULL,
	`invalid_at` integer NOT NULL,
	`reason` text NOT NULL,
	PRIMARY KEY(`workspace_pk`, `phone`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `subscription_groups` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_pk` integer NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`channel` text NOT NULL,
	`created_at` integer NOT NULL,
	`archived_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscription_groups_id_idx` ON `subscription_groups` (`workspace_pk`,`id`);--> statement-breakpoint
CREATE TABLE `user_subscription_groups` (
	`group_pk` integer NOT NULL,
	`user_pk` integer NOT NULL,
	`state` text NOT NULL,
	`changed_at` integer NOT NULL,
	PRIMARY KEY(`group_pk`, `user_pk`)
) WITHOUT ROWID;
