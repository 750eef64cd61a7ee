-- Reviewed: message_send_ids is WITHOUT ROWID (drizzle-kit cannot express it): one b-tree on its primary key.
CREATE TABLE `message_outbox` (
	`pk` integer PRIMARY KEY NOT NULL,
	`workspace_pk` integer NOT NULL,
	`time` integer NOT NULL,
	`dispatch_id` text NOT NULL,
	`send_id` text,
	`source_id` text,
	`source_type` text NOT NULL,
	`step_id` text,
	`variation_id` text,
	`channel` text NOT NULL,
	`user_pk` integer,
	`braze_id` text,
	`external_id` text,
	`status` text NOT NULL,
	`reason` text,
	`content` text
);
--> statement-breakpoint
CREATE INDEX `message_outbox_user_idx` ON `message_outbox` (`workspace_pk`,`user_pk`,`external_id`);--> statement-breakpoint
CREATE INDEX `message_outbox_source_idx` ON `message_outbox` (`workspace_pk`,`source_id`,`user_pk`);--> statement-breakpoint
CREATE INDEX `message_outbox_dispatch_idx` ON `message_outbox` (`dispatch_id`);--> statement-breakpoint
CREATE TABLE `message_schedules` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`schedule_id` text NOT NULL,
	`workspace_pk` integer NOT NULL,
	`dispatch_id` text NOT NULL,
	`endpoint` text NOT NULL,
	`source_id` text,
	`send_at` integer NOT NULL,
	`schedule` text NOT NULL,
	`request` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_schedules_schedule_id_unique` ON `message_schedules` (`schedule_id`);--> statement-breakpoint
CREATE INDEX `message_schedules_due_idx` ON `message_schedules` (`status`,`send_at`);--> statement-breakpoint
CREATE TABLE `message_send_ids` (
	`workspace_pk` integer NOT NULL,
	`campaign_id` text NOT NULL,
	`send_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`workspace_pk`, `campaign_id`, `send_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `messaging_definitions` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`workspace_pk` integer NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`definition` text NOT NULL,
	`archived_at` integer,
	`send_at` integer,
	`fired_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messaging_definitions_id_unique` ON `messaging_definitions` (`id`);--> statement-breakpoint
CREATE INDEX `messaging_definitions_workspace_idx` ON `messaging_definitions` (`workspace_pk`,`type`,`created_at`);--> statement-breakpoint
CREATE INDEX `messaging_definitions_send_at_idx` ON `messaging_definitions` (`send_at`);