-- Per-workspace ids (issue 17): every id a test may choose is unique within its workspace, not the server.
-- Each of these was a UNIQUE INDEX (drizzle's .unique()), not a table constraint, so no table rebuild is
-- needed: the index on the id alone is dropped and one on (workspace_pk, id) takes its place. Rows are
-- untouched; existing ids were unique server-wide, so they are unique per workspace too.
-- segment_exports.object_prefix stays unique server-wide: the fake generates it (a UUID) and serves the
-- file at a workspace-less URL, like Braze's S3 object prefix.
DROP INDEX IF EXISTS `messaging_definitions_id_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `messaging_definitions_id_idx` ON `messaging_definitions` (`workspace_pk`,`id`);--> statement-breakpoint
DROP INDEX IF EXISTS `segments_id_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `segments_id_idx` ON `segments` (`workspace_pk`,`id`);--> statement-breakpoint
DROP INDEX IF EXISTS `message_schedules_schedule_id_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `message_schedules_schedule_id_idx` ON `message_schedules` (`workspace_pk`,`schedule_id`);--> statement-breakpoint
DROP INDEX IF EXISTS `users_braze_id_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `users_braze_id_idx` ON `users` (`workspace_pk`,`braze_id`);
