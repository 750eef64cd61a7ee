DROP INDEX `users_email_idx`;--> statement-breakpoint
DROP INDEX `users_phone_idx`;--> statement-breakpoint
CREATE INDEX `users_email_idx` ON `users` (`workspace_pk`,`email`) WHERE "users"."email" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `users_phone_idx` ON `users` (`workspace_pk`,`phone`) WHERE "users"."phone" IS NOT NULL;