-- Trigram indexes over the searchable text of messages (#13), one per column, so that the LIKE of
-- a search term on its column is answered from an index, and a term on every column (no prefix)
-- from a BitmapOr of them: PostgreSQL derives that OR of LIKEs on messages itself from the
-- condition (the Bcc arm without its sender test). pg_trgm is a trusted extension: the database
-- owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_subject_trgm_idx" ON "messages" USING gin ("subject_text" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_from_trgm_idx" ON "messages" USING gin ("from_text" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_to_trgm_idx" ON "messages" USING gin ("to_text" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_cc_trgm_idx" ON "messages" USING gin ("cc_text" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_reply_to_trgm_idx" ON "messages" USING gin ("reply_to_text" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_bcc_trgm_idx" ON "messages" USING gin ("bcc_text" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_body_trgm_idx" ON "messages" USING gin ("body_text" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_message_id_trgm_idx" ON "messages" USING gin (lower("message_id") gin_trgm_ops);
