CREATE TABLE "indexer_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_addresses" (
	"message_id" text NOT NULL,
	"address" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "message_addresses_message_id_address_role_pk" PRIMARY KEY("message_id","address","role")
);
--> statement-breakpoint
CREATE TABLE "message_owners" (
	"message_id" text NOT NULL,
	"user_id" integer NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "message_owners_message_id_user_id_role_pk" PRIMARY KEY("message_id","user_id","role")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" text PRIMARY KEY NOT NULL,
	"message_id" text DEFAULT '' NOT NULL,
	"from_json" text NOT NULL,
	"to_json" text DEFAULT '[]' NOT NULL,
	"cc_json" text DEFAULT '[]' NOT NULL,
	"bcc_json" text DEFAULT '[]' NOT NULL,
	"reply_to_json" text DEFAULT '[]' NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"created" text NOT NULL,
	"created_ms" bigint NOT NULL,
	"username" text DEFAULT '' NOT NULL,
	"tags_json" text DEFAULT '[]' NOT NULL,
	"hidden_tags_json" text DEFAULT '[]' NOT NULL,
	"public_tags_json" text DEFAULT '[]' NOT NULL,
	"size" integer DEFAULT 0 NOT NULL,
	"redacted_size" integer DEFAULT 0 NOT NULL,
	"attachments" integer DEFAULT 0 NOT NULL,
	"snippet" text DEFAULT '' NOT NULL,
	"subject_text" text DEFAULT '' NOT NULL,
	"from_text" text DEFAULT '' NOT NULL,
	"to_text" text DEFAULT '' NOT NULL,
	"cc_text" text DEFAULT '' NOT NULL,
	"bcc_text" text DEFAULT '' NOT NULL,
	"reply_to_text" text DEFAULT '' NOT NULL,
	"body_text" text DEFAULT '' NOT NULL,
	"inline_count" integer DEFAULT 0 NOT NULL,
	"index_version" integer DEFAULT 1 NOT NULL,
	"indexed_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" bigint NOT NULL,
	"last_used_at" bigint,
	"expires_at" bigint,
	"created_ip" text,
	"created_user_agent" text
);
--> statement-breakpoint
CREATE TABLE "user_addresses" (
	"address" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_message_state" (
	"user_id" integer NOT NULL,
	"message_id" text NOT NULL,
	"created_ms" bigint NOT NULL,
	"is_sender" boolean DEFAULT false NOT NULL,
	"read" boolean DEFAULT false NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"tagged" boolean DEFAULT false NOT NULL,
	CONSTRAINT "user_message_state_user_id_message_id_pk" PRIMARY KEY("user_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"password_hash" text,
	"is_admin" boolean DEFAULT false NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_addresses" ADD CONSTRAINT "message_addresses_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_owners" ADD CONSTRAINT "message_owners_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_owners" ADD CONSTRAINT "message_owners_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tokens" ADD CONSTRAINT "tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_addresses" ADD CONSTRAINT "user_addresses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_message_state" ADD CONSTRAINT "user_message_state_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_message_state" ADD CONSTRAINT "user_message_state_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_addresses_address_idx" ON "message_addresses" USING btree ("address");--> statement-breakpoint
CREATE INDEX "message_owners_user_idx" ON "message_owners" USING btree ("user_id","message_id");--> statement-breakpoint
CREATE INDEX "messages_created_idx" ON "messages" USING btree ("created_ms");--> statement-breakpoint
CREATE INDEX "tokens_user_idx" ON "tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_addresses_user_idx" ON "user_addresses" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_message_state_mailbox_idx" ON "user_message_state" USING btree ("user_id","deleted","created_ms");--> statement-breakpoint
CREATE INDEX "user_message_state_tagged_idx" ON "user_message_state" USING btree ("user_id","tagged");--> statement-breakpoint
CREATE INDEX "user_message_state_message_idx" ON "user_message_state" USING btree ("message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree ("email");