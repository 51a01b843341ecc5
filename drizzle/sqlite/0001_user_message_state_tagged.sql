ALTER TABLE `user_message_state` ADD `tagged` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `user_message_state_tagged_idx` ON `user_message_state` (`user_id`,`tagged`);--> statement-breakpoint
UPDATE `user_message_state` SET `tagged` = 1 WHERE `message_id` IN (SELECT `id` FROM `messages` WHERE `tags_json` <> '[]');
