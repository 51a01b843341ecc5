-- A trigram full-text index over the searchable text of messages (#13). Search terms of three or
-- more characters look their candidates up here, then confirm them with the exact LIKE, so the
-- index only has to hold a superset: detail='none' keeps it small (no positions, no columns).
-- External content: the text stays in messages alone; the triggers keep the index in step with
-- every insert, upsert, update and delete of a message, whichever code path makes it. The rowid is
-- messages' implicit one, which VACUUM may renumber: after a VACUUM, run
-- INSERT INTO messages_fts(messages_fts) VALUES('rebuild').
CREATE VIRTUAL TABLE messages_fts USING fts5(subject_text, from_text, to_text, cc_text, reply_to_text, bcc_text, body_text, message_id, content='messages', content_rowid='rowid', tokenize='trigram', detail='none');
--> statement-breakpoint
INSERT INTO messages_fts(messages_fts) VALUES('rebuild');
--> statement-breakpoint
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts(rowid, subject_text, from_text, to_text, cc_text, reply_to_text, bcc_text, body_text, message_id) VALUES (new.rowid, new.subject_text, new.from_text, new.to_text, new.cc_text, new.reply_to_text, new.bcc_text, new.body_text, new.message_id);
END;
--> statement-breakpoint
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, subject_text, from_text, to_text, cc_text, reply_to_text, bcc_text, body_text, message_id) VALUES ('delete', old.rowid, old.subject_text, old.from_text, old.to_text, old.cc_text, old.reply_to_text, old.bcc_text, old.body_text, old.message_id);
END;
--> statement-breakpoint
-- A re-index upserts every column; only a change of the searchable text re-tokenizes the message.
CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject_text, from_text, to_text, cc_text, reply_to_text, bcc_text, body_text, message_id ON messages
WHEN old.subject_text IS NOT new.subject_text OR old.from_text IS NOT new.from_text OR old.to_text IS NOT new.to_text OR old.cc_text IS NOT new.cc_text OR old.reply_to_text IS NOT new.reply_to_text OR old.bcc_text IS NOT new.bcc_text OR old.body_text IS NOT new.body_text OR old.message_id IS NOT new.message_id BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, subject_text, from_text, to_text, cc_text, reply_to_text, bcc_text, body_text, message_id) VALUES ('delete', old.rowid, old.subject_text, old.from_text, old.to_text, old.cc_text, old.reply_to_text, old.bcc_text, old.body_text, old.message_id);
  INSERT INTO messages_fts(rowid, subject_text, from_text, to_text, cc_text, reply_to_text, bcc_text, body_text, message_id) VALUES (new.rowid, new.subject_text, new.from_text, new.to_text, new.cc_text, new.reply_to_text, new.bcc_text, new.body_text, new.message_id);
END;
