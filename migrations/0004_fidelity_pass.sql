-- Reviewed: user_deprecated_external_ids is WITHOUT ROWID (drizzle-kit cannot express it), like user_aliases.
CREATE TABLE `user_deprecated_external_ids` (
	`workspace_pk` integer NOT NULL,
	`external_id` text NOT NULL,
	`user_pk` integer NOT NULL,
	PRIMARY KEY(`workspace_pk`, `external_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `user_deprecated_external_ids_user_idx` ON `user_deprecated_external_ids` (`user_pk`);--> statement-breakpoint
ALTER TABLE `workspaces` ADD `onboarded_at` integer;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `pricing_model` text DEFAULT 'data_points' NOT NULL;--> statement-breakpoint
ALTER TABLE `workspaces` ADD `legacy_api_key` integer;