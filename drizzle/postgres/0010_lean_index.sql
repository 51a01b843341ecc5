-- Fewer index pages to write per indexed message (#13): message_owners was written but never read
-- (user_message_state rows are the owners, with the sender flag); a message's folder entries are
-- indexed by message first, so they sit together; the tagged index holds only tagged rows; and a
-- plain list's index carries `read`, so its count reads the index alone.
ALTER TABLE "message_owners" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "message_owners" CASCADE;--> statement-breakpoint
DROP INDEX "folder_messages_user_idx";--> statement-breakpoint
DROP INDEX "folder_messages_message_idx";--> statement-breakpoint
DROP INDEX "user_message_state_listed_idx";--> statement-breakpoint
DROP INDEX "user_message_state_tagged_idx";--> statement-breakpoint
CREATE INDEX "folder_messages_message_user_idx" ON "folder_messages" USING btree ("message_id","user_id");--> statement-breakpoint
CREATE INDEX "user_message_state_listed_read_idx" ON "user_message_state" USING btree ("user_id","listed","created_ms","message_id","read");--> statement-breakpoint
CREATE INDEX "user_message_state_tagged_idx" ON "user_message_state" USING btree ("user_id") WHERE "user_message_state"."tagged";