-- Reviewed: cohort_members, user_aliases, user_devices and the user_*_summaries tables are WITHOUT
-- ROWID (drizzle-kit cannot express it) so each is a single b-tree on its primary key; see BENCHMARKS.md.
CREATE TABLE `cohort_members` (
	`cohort_pk` integer NOT NULL,
	`user_pk` integer NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`cohort_pk`, `user_pk`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `cohorts` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_pk` integer NOT NULL,
	`partner` text NOT NULL,
	`cohort_id` text NOT NULL,
	`name` text NOT NULL,
	`named` integer NOT NULL,
	`partner_created_at` text,
	`member_count` integer DEFAULT 0 NOT NULL,
	`locked_writes` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cohorts_key_idx` ON `cohorts` (`workspace_pk`,`partner`,`cohort_id`);--> statement-breakpoint
CREATE TABLE `rest_api_keys` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`workspace_pk` integer NOT NULL,
	`name` text NOT NULL,
	`permissions` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rest_api_keys_key_unique` ON `rest_api_keys` (`key`);--> statement-breakpoint
CREATE INDEX `rest_api_keys_workspace_idx` ON `rest_api_keys` (`workspace_pk`);--> statement-breakpoint
CREATE TABLE `user_event_summaries` (
	`user_pk` integer NOT NULL,
	`name` text NOT NULL,
	`first` integer NOT NULL,
	`last` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`user_pk`, `name`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `user_purchase_summaries` (
	`user_pk` integer NOT NULL,
	`product_id` text NOT NULL,
	`first` integer NOT NULL,
	`last` integer NOT NULL,
	`count` integer NOT NULL,
	`revenue` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`user_pk`, `product_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `user_aliases` (
	`workspace_pk` integer NOT NULL,
	`alias_label` text NOT NULL,
	`alias_name` text NOT NULL,
	`user_pk` integer NOT NULL,
	PRIMARY KEY(`workspace_pk`, `alias_label`, `alias_name`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE UNIQUE INDEX `user_aliases_user_label_idx` ON `user_aliases` (`user_pk`,`alias_label`);--> statement-breakpoint
CREATE TABLE `user_devices` (
	`workspace_pk` integer NOT NULL,
	`device_id` text NOT NULL,
	`user_pk` integer NOT NULL,
	PRIMARY KEY(`workspace_pk`, `device_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `user_devices_user_idx` ON `user_devices` (`user_pk`);--> statement-breakpoint
CREATE TABLE `users` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_pk` integer NOT NULL,
	`braze_id` text NOT NULL,
	`external_id` text,
	`email` text,
	`phone` text,
	`profile` text DEFAULT '{}' NOT NULL,
	`custom_attributes` text DEFAULT '{}' NOT NULL,
	`email_subscribe` text,
	`push_subscribe` text,
	`random_bucket` integer DEFAULT 0 NOT NULL,
	`total_revenue` real DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_braze_id_unique` ON `users` (`braze_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_external_id_idx` ON `users` (`workspace_pk`,`external_id`);--> statement-breakpoint
CREATE INDEX `users_email_idx` ON `users` (`workspace_pk`,`email`);--> statement-breakpoint
CREATE INDEX `users_phone_idx` ON `users` (`workspace_pk`,`phone`);--> statement-breakpoint
CREATE TABLE `data_import_keys` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`workspace_pk` integer NOT NULL,
	`partner` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`invalidated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `data_import_keys_key_unique` ON `data_import_keys` (`key`);--> statement-breakpoint
CREATE INDEX `data_import_keys_workspace_idx` ON `data_import_keys` (`workspace_pk`,`partner`);--> statement-breakpoint
CREATE TABLE `workspaces` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`cluster` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workspaces_id_unique` ON `workspaces` (`id`);