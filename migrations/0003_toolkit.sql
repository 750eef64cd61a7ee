CREATE TABLE `request_journal` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`time` integer NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`route` text,
	`cluster` text,
	`workspace_id` text,
	`partner` text,
	`status` integer NOT NULL,
	`message` text,
	`duration_ms` real NOT NULL,
	`fault` text,
	`effects` text,
	`request_body` text
);
--> statement-breakpoint
CREATE INDEX `request_journal_workspace_idx` ON `request_journal` (`workspace_id`,`id`);--> statement-breakpoint
DROP INDEX `users_email_idx`;--> statement-breakpoint
DROP INDEX `users_phone_idx`;--> statement-breakpoint
CREATE INDEX `users_email_idx` ON `users` (`workspace_pk`,`email`) WHERE "users"."email" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `users_phone_idx` ON `users` (`workspace_pk`,`phone`) WHERE "users"."phone" IS NOT NULL;