CREATE TABLE `smtp_chaos` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`rule_json` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
