CREATE TABLE `analytics_counts` (
	`workspace_pk` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`app_id` text NOT NULL,
	`hour` integer NOT NULL,
	`count` integer NOT NULL,
	`revenue` real DEFAULT 0 NOT NULL,
	PRIMARY KEY(`workspace_pk`, `kind`, `name`, `app_id`, `hour`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `analytics_active_users` (
	`workspace_pk` integer NOT NULL,
	`day` integer NOT NULL,
	`user_pk` integer NOT NULL,
	PRIMARY KEY(`workspace_pk`, `day`, `user_pk`)
) WITHOUT ROWID;
