-- Reviewed: segment_sizes is WITHOUT ROWID (drizzle-kit cannot express it): one b-tree on (segment_pk, day).
CREATE TABLE `segment_exports` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`object_prefix` text NOT NULL,
	`workspace_pk` integer NOT NULL,
	`segment_pk` integer NOT NULL,
	`status` text NOT NULL,
	`user_count` integer,
	`data` blob,
	`error` text,
	`created_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `segment_exports_object_prefix_unique` ON `segment_exports` (`object_prefix`);--> statement-breakpoint
CREATE INDEX `segment_exports_segment_idx` ON `segment_exports` (`segment_pk`,`status`);--> statement-breakpoint
CREATE TABLE `segment_sizes` (
	`segment_pk` integer NOT NULL,
	`day` text NOT NULL,
	`size` integer NOT NULL,
	PRIMARY KEY(`segment_pk`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `segments` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`workspace_pk` integer NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`tags` text NOT NULL,
	`filter` text NOT NULL,
	`analytics_tracking_enabled` integer NOT NULL,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `segments_id_unique` ON `segments` (`id`);--> statement-breakpoint
CREATE INDEX `segments_workspace_idx` ON `segments` (`workspace_pk`,`created_at`);--> statement-breakpoint
CREATE INDEX `users_workspace_idx` ON `users` (`workspace_pk`);