CREATE TABLE `canvas_progress` (
	`pk` integer PRIMARY KEY NOT NULL,
	`workspace_pk` integer NOT NULL,
	`canvas_pk` integer NOT NULL,
	`user_pk` integer NOT NULL,
	`step_id` text NOT NULL,
	`due_at` integer NOT NULL,
	`entered_at` integer NOT NULL,
	`dispatch_id` text NOT NULL,
	`context` text
);
--> statement-breakpoint
CREATE INDEX `canvas_progress_due_idx` ON `canvas_progress` (`due_at`);
--> statement-breakpoint
CREATE UNIQUE INDEX `canvas_progress_user_idx` ON `canvas_progress` (`canvas_pk`,`user_pk`);
--> statement-breakpoint
CREATE INDEX `canvas_progress_workspace_idx` ON `canvas_progress` (`workspace_pk`);
--> statement-breakpoint
CREATE TABLE `message_deferred` (
	`pk` integer PRIMARY KEY NOT NULL,
	`workspace_pk` integer NOT NULL,
	`due_at` integer NOT NULL,
	`dispatch_id` text NOT NULL,
	`source` text NOT NULL,
	`source_pk` integer NOT NULL,
	`user_pk` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `message_deferred_due_idx` ON `message_deferred` (`due_at`);
--> statement-breakpoint
CREATE INDEX `message_deferred_workspace_idx` ON `message_deferred` (`workspace_pk`);
--> statement-breakpoint
CREATE TABLE `frequency_capping` (
	`workspace_pk` integer PRIMARY KEY NOT NULL,
	`rules` text NOT NULL
);
