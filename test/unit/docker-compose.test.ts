import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  commandWords,
  dict,
  environment,
  flagValue,
  onNamedVolume,
  ports,
  read,
  rootUrl,
  services,
  topVolumes,
} from "../support/compose.js";

// Static checks of docker-compose.yml's default profile (no Docker engine is needed to run them).

const mailpit = dict(services.mailpit, "services.mailpit");
const sandpit = dict(services.sandpit, "services.sandpit");

describe("docker-compose.yml", () => {
  it("runs the official Mailpit image at exactly the pinned version", () => {
    expect(mailpit.image).toBe("axllent/mailpit:v1.30.5");
  });

  it("pins the same Mailpit version as scripts/install-mailpit.sh", () => {
    const script = read("scripts/install-mailpit.sh");
    const pinned = /^\s*MAILPIT_VERSION=["']?(v\d+\.\d+\.\d+)["']?\s*$/m.exec(script)?.[1];
    expect(pinned, "MAILPIT_VERSION=… in scripts/install-mailpit.sh").toBeDefined();
    const tag = /^axllent\/mailpit:(.+)$/.exec(String(mailpit.image))?.[1];
    expect(tag).toBe(pinned);
  });

  it("never publishes Mailpit's HTTP port 8025", () => {
    const mapped = ports(mailpit);
    expect(mapped.filter((p) => p.target === "8025")).toEqual([]);
    expect(mapped.filter((p) => p.published !== undefined && /(^|:)8025$/.test(p.published))).toEqual([]);
    expect(mailpit.network_mode).toBeUndefined(); // host networking would expose it too
  });

  it("publishes no Mailpit port, and Sandpit's SMTP on 1025, IMAP on 1143 and POP3 on 1110", () => {
    expect(ports(mailpit)).toEqual([]);
    expect(ports(sandpit)).toContainEqual({ published: "${SANDPIT_SMTP_PORT:-1025}", target: "1025" });
    expect(ports(sandpit)).toContainEqual({ published: "${SANDPIT_IMAP_PORT:-1143}", target: "1143" });
    expect(ports(sandpit)).toContainEqual({ published: "${SANDPIT_POP3_PORT:-1110}", target: "1110" });
    const env = environment(sandpit);
    expect([env.SANDPIT_SMTP_HOST, env.SANDPIT_SMTP_PORT]).toEqual(["0.0.0.0", "1025"]);
    expect([env.SANDPIT_IMAP_HOST, env.SANDPIT_IMAP_PORT]).toEqual(["0.0.0.0", "1143"]);
    expect([env.SANDPIT_POP3_HOST, env.SANDPIT_POP3_PORT]).toEqual(["0.0.0.0", "1110"]);
  });

  it("runs Mailpit with auto-prune off and its database on a named volume", () => {
    const words = commandWords(mailpit);
    expect(flagValue(words, "--max")).toBe("0");
    const database = flagValue(words, "--database");
    expect(database, "--database <path>").toBeDefined();
    expect(database).toMatch(/^\//);
    expect(onNamedVolume(mailpit, database ?? "", topVolumes)).toBe(true);
  });

  it("points Sandpit at the mailpit service's HTTP API and SMTP port", () => {
    const env = environment(sandpit);
    expect(env.MAILPIT_URL).toMatch(/^http:\/\/mailpit:8025\/?$/);
    expect(env.MAILPIT_SMTP).toBe("mailpit:1025");
  });

  it("keeps Sandpit's data folder on a named volume", () => {
    const dataDir = environment(sandpit).SANDPIT_DATA_DIR;
    expect(dataDir).toBeDefined();
    expect(onNamedVolume(sandpit, dataDir ?? "", topVolumes)).toBe(true);
  });

  it("publishes Sandpit's port 8025, listening on all interfaces in the container", () => {
    const env = environment(sandpit);
    expect(env.SANDPIT_PORT ?? "8025").toBe("8025");
    expect(env.SANDPIT_HOST).toBe("0.0.0.0");
    expect(ports(sandpit)).toContainEqual({ published: "${SANDPIT_PORT:-8025}", target: "8025" });
  });

  it("starts Sandpit after Mailpit", () => {
    const dependsOn = sandpit.depends_on;
    const names = Array.isArray(dependsOn) ? dependsOn.map(String) : Object.keys(dict(dependsOn, "depends_on"));
    expect(names).toContain("mailpit");
  });

  it("builds Sandpit from a Dockerfile that exists and runs the server directly", () => {
    const build = dict(sandpit.build, "services.sandpit.build");
    expect(build.context).toBe(".");
    const dockerfilePath = String(build.dockerfile ?? "Dockerfile");
    expect(fs.existsSync(new URL(dockerfilePath, rootUrl)), dockerfilePath).toBe(true);
    const dockerfile = read(dockerfilePath);
    expect(dockerfile).toMatch(/^FROM node:20/m);
    // `npm start` would try to install a managed Mailpit; compose runs its own.
    // The compiled server (built in the image), as npm start runs it: nothing transpiled at start.
    expect(dockerfile).toMatch(/^RUN node_modules\/\.bin\/tsc -p tsconfig\.build\.json/m);
    // The compiled server, started as npm start starts it (test/support/replica.ts COMPILED_START).
    expect(dockerfile).toMatch(/^CMD \["node", "--enable-source-maps", "--max-semi-space-size=2", "dist\/main\.js"\]/m);
  });
});
