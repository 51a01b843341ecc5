CREATE TABLE "smtp_chaos" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"rule_json" text NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "smtp_chaos" ADD CONSTRAINT "smtp_chaos_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;