ALTER TABLE `messages` ADD `hidden_tags_json` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `public_tags_json` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `redacted_size` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `index_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Until the next full walk indexes these rows again (index_version 1 < 2), keep what they showed.
UPDATE `messages` SET `public_tags_json` = `tags_json`, `redacted_size` = `size`;
