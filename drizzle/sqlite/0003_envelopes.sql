CREATE TABLE `envelopes` (
	`id` text PRIMARY KEY NOT NULL,
	`message_id` text,
	`auth_user_id` integer,
	`mail_from` text NOT NULL,
	`rcpts_json` text NOT NULL,
	`senders_json` text NOT NULL,
	`created_ms` integer NOT NULL,
	FOREIGN KEY (`auth_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `envelopes_message_uq` ON `envelopes` (`message_id`);--> statement-breakpoint
CREATE INDEX `envelopes_created_idx` ON `envelopes` (`created_ms`);