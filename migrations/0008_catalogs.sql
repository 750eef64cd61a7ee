-- Reviewed: catalog_items is WITHOUT ROWID (drizzle-kit cannot express it): one b-tree on (catalog_pk, item_id).
CREATE TABLE `catalog_items` (
	`catalog_pk` integer NOT NULL,
	`item_id` text NOT NULL,
	`seq` integer NOT NULL,
	`data` text NOT NULL,
	`size` integer NOT NULL,
	`visible_at` integer NOT NULL,
	PRIMARY KEY(`catalog_pk`, `item_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE UNIQUE INDEX `catalog_items_seq_idx` ON `catalog_items` (`catalog_pk`,`seq`);--> statement-breakpoint
CREATE TABLE `catalog_settings` (
	`workspace_pk` integer PRIMARY KEY NOT NULL,
	`storage_limit_bytes` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `catalogs` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_pk` integer NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`fields` text NOT NULL,
	`next_seq` integer NOT NULL,
	`size_bytes` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalogs_workspace_name_idx` ON `catalogs` (`workspace_pk`,`name`);