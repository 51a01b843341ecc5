CREATE TABLE `folder_messages` (
	`folder_id` integer NOT NULL,
	`uid` integer NOT NULL,
	`user_id` integer NOT NULL,
	`message_id` text NOT NULL,
	`created_ms` integer NOT NULL,
	PRIMARY KEY(`folder_id`, `uid`),
	FOREIGN KEY (`folder_id`) REFERENCES `folders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `folder_messages_message_uq` ON `folder_messages` (`folder_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `folder_messages_page_idx` ON `folder_messages` (`folder_id`,`created_ms`);--> statement-breakpoint
CREATE INDEX `folder_messages_user_idx` ON `folder_messages` (`user_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `folder_messages_message_idx` ON `folder_messages` (`message_id`);--> statement-breakpoint
CREATE TABLE `folders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`role` text,
	`uid_validity` integer NOT NULL,
	`uid_next` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `folders_user_name_uq` ON `folders` (`user_id`,`name_key`);--> statement-breakpoint
CREATE TABLE `user_domains` (
	`domain` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `user_message_state_mailbox_idx`;--> statement-breakpoint
ALTER TABLE `user_message_state` ADD `starred` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `user_message_state` ADD `answered` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `user_message_state` ADD `draft` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `user_message_state` ADD `listed` integer DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX `user_message_state_listed_idx` ON `user_message_state` (`user_id`,`listed`,`created_ms`);--> statement-breakpoint
ALTER TABLE `envelopes` ADD `kind` text DEFAULT 'mail' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `prefs_json` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- Every existing user gets the system folders; their mailbox moves into Inbox (received) and Sent (sent).
INSERT INTO folders (user_id, name, name_key, role, uid_validity, uid_next, created_at)
SELECT u.id, f.name, lower(f.name), f.role, CAST(strftime('%s','now') AS INTEGER), 1, CAST(strftime('%s','now') AS INTEGER) * 1000 FROM users u CROSS JOIN (SELECT 'Inbox' AS name, 'inbox' AS role, 1 AS ord UNION ALL SELECT 'Drafts', 'drafts', 2 UNION ALL SELECT 'Sent', 'sent', 3 UNION ALL SELECT 'Archive', 'archive', 4 UNION ALL SELECT 'Junk', 'junk', 5 UNION ALL SELECT 'Trash', 'trash', 6) f ORDER BY u.id, f.ord;--> statement-breakpoint
INSERT INTO folder_messages (folder_id, uid, user_id, message_id, created_ms)
SELECT f.id, ROW_NUMBER() OVER (PARTITION BY f.id ORDER BY s.created_ms, s.message_id), s.user_id, s.message_id, s.created_ms
FROM user_message_state s JOIN folders f ON f.user_id = s.user_id AND f.role = 'inbox'
WHERE s.deleted = 0 AND (s.is_sender = 0 OR EXISTS (SELECT 1 FROM message_owners o WHERE o.message_id = s.message_id AND o.user_id = s.user_id AND o.role <> 'from'));--> statement-breakpoint
INSERT INTO folder_messages (folder_id, uid, user_id, message_id, created_ms)
SELECT f.id, ROW_NUMBER() OVER (PARTITION BY f.id ORDER BY s.created_ms, s.message_id), s.user_id, s.message_id, s.created_ms
FROM user_message_state s JOIN folders f ON f.user_id = s.user_id AND f.role = 'sent'
WHERE s.deleted = 0 AND s.is_sender = 1;--> statement-breakpoint
UPDATE folders SET uid_next = 1 + coalesce((SELECT max(e.uid) FROM folder_messages e WHERE e.folder_id = folders.id), 0);--> statement-breakpoint
UPDATE user_message_state SET listed = CASE WHEN deleted = 1 THEN 0 ELSE 1 END;
