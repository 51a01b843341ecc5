import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = new URL("../../", import.meta.url);
const compose = parse(fs.readFileSync(new URL("docker-compose.yml", root), "utf8")) as {
  services: Record<string, any>;
  volumes: Record<string, unknown>;
};
const mailpit = compose.services.mailpit;
const sandpit = compose.services.sandpit;
const published = (svc: any): string[] => (svc.ports ?? []).map(String);

describe("docker-compose.yml", () => {
  it("runs the official Mailpit image at the pinned version", () => {
    const script = fs.readFileSync(new URL("scripts/install-mailpit.sh", root), "utf8");
    const pinned = /^MAILPIT_VERSION="(v[\d.]+)"/m.exec(script)?.[1];
    expect(pinned).toBe("v1.30.5");
    expect(mailpit.image).toBe(`axllent/mailpit:${pinned}`);
  });

  it("never publishes Mailpit's HTTP port, and publishes its SMTP port", () => {
    expect(published(mailpit).some((p) => /(^|:)8025$/.test(p))).toBe(false);
    expect(published(mailpit)).toContain("${SANDPIT_SMTP_PORT:-1025}:1025");
  });

  it("keeps Mailpit's database on a volume with auto-prune off", () => {
    const args: string[] = mailpit.command;
    expect(args).toContain("--max=0");
    expect(args).toContain("--database=/data/mailpit.db");
    expect(mailpit.volumes).toContain("mailpit-data:/data");
    expect(compose.volumes).toHaveProperty("mailpit-data");
  });

  it("points Sandpit at that Mailpit and keeps its own data on a volume", () => {
    expect(sandpit.environment.MAILPIT_URL).toBe("http://mailpit:8025");
    expect(sandpit.environment.MAILPIT_SMTP).toBe("mailpit:1025");
    expect(sandpit.environment.SANDPIT_DATA_DIR).toBe("/data");
    expect(sandpit.volumes).toContain("sandpit-data:/data");
    expect(published(sandpit)).toContain("${SANDPIT_PORT:-8025}:8025");
    expect(sandpit.depends_on.mailpit.condition).toBe("service_healthy");
  });

  it("builds Sandpit from a Dockerfile that exists and runs the server without a managed Mailpit", () => {
    const dockerfile = fs.readFileSync(new URL(sandpit.build.dockerfile, root), "utf8");
    expect(sandpit.build.context).toBe(".");
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toContain('CMD ["node_modules/.bin/tsx", "src/main.ts"]');
  });
});
