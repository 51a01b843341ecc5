CREATE TABLE "envelopes" (
	"id" text PRIMARY KEY NOT NULL,
	"message_id" text,
	"auth_user_id" integer,
	"mail_from" text NOT NULL,
	"rcpts_json" text NOT NULL,
	"senders_json" text NOT NULL,
	"created_ms" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "envelopes" ADD CONSTRAINT "envelopes_auth_user_id_users_id_fk" FOREIGN KEY ("auth_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "envelopes_message_uq" ON "envelopes" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "envelopes_created_idx" ON "envelopes" USING btree ("created_ms");