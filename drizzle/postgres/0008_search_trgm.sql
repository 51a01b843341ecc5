-- A trigram index over the searchable text of messages (#13). Search terms of three or more
-- characters first match this one expression (every text column, joined by spaces) through the
-- index, then are confirmed by the exact LIKE on their own column, so the index only needs to
-- find a superset. pg_trgm is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_search_trgm_idx" ON "messages" USING gin ((subject_text || ' ' || from_text || ' ' || to_text || ' ' || cc_text || ' ' || reply_to_text || ' ' || bcc_text || ' ' || body_text || ' ' || lower(message_id)) gin_trgm_ops);
