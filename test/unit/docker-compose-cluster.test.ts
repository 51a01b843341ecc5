import { describe, expect, it } from "vitest";
import { commandWords, dict, environment, flagValue, mounts, ports, read, services, type Dict } from "../support/compose.js";

// Static checks of docker-compose.yml's cluster profile: PostgreSQL, rqlite, Mailpit on rqlite,
// three Sandpit replicas and nginx in front (no Docker engine is needed to run them).

const profiles = (svc: Dict) => (Array.isArray(svc.profiles) ? svc.profiles.map(String) : []);
const cluster = Object.fromEntries(Object.entries(services).filter(([, s]) => profiles(dict(s, "service")).includes("cluster"))) as Record<
  string,
  Dict
>;
const replicas = ["sandpit-1", "sandpit-2", "sandpit-3"];

describe("docker-compose.yml: profiles", () => {
  it("starts only the default profile on `docker compose up` (COMPOSE_PROFILES in .env), the cluster with --profile cluster", () => {
    expect(read(".env")).toMatch(/^COMPOSE_PROFILES=default$/m);
    for (const [name, svc] of Object.entries(services)) {
      expect([name, profiles(dict(svc, name)).length]).toEqual([name, 1]);
    }
    expect(profiles(dict(services.mailpit, "mailpit"))).toEqual(["default"]);
    expect(profiles(dict(services.sandpit, "sandpit"))).toEqual(["default"]);
    expect(Object.keys(cluster).sort()).toEqual(["lb", "mailpit-rqlite", "postgres", "rqlite", ...replicas].sort());
  });

  it("pins every image of the cluster to a version, rqlite's to the one scripts/install-rqlite.sh builds", () => {
    for (const [name, svc] of Object.entries(cluster)) {
      expect([name, String(svc.image)]).toEqual([name, expect.stringMatching(/^[\w./-]+:(v?\d[\w.-]*|local)$/)]);
    }
    const pinned = /^RQLITE_VERSION="v([\d.]+)"$/m.exec(read("scripts/install-rqlite.sh"))?.[1];
    expect(cluster.rqlite!.image).toBe(`rqlite/rqlite:${pinned}`);
    expect(cluster["mailpit-rqlite"]!.image).toBe(dict(services.mailpit, "mailpit").image);
  });
});

describe("docker-compose.yml: the cluster profile", () => {
  it("runs Mailpit on rqlite, auto-prune off, none of its ports published", () => {
    const mp = cluster["mailpit-rqlite"]!;
    const words = commandWords(mp);
    expect(flagValue(words, "--database")).toBe("http://rqlite:4001");
    expect(flagValue(words, "--max")).toBe("0");
    expect(ports(mp)).toEqual([]);
    expect(environment(cluster.rqlite!).HTTP_ADV_ADDR).toBe("rqlite:4001");
  });

  it("runs three replicas of one image on the postgres service and the rqlite-backed Mailpit", () => {
    for (const name of replicas) {
      const svc = cluster[name]!;
      const env = environment(svc);
      expect(svc.image).toBe("sandpit:local");
      expect(env.SANDPIT_DATABASE_URL).toMatch(/^postgres:\/\/sandpit:[^@]+@postgres:5432\/sandpit$/);
      expect(env.MAILPIT_URL).toBe("http://mailpit-rqlite:8025");
      expect(env.MAILPIT_SMTP).toBe("mailpit-rqlite:1025");
      expect(env.SANDPIT_HOST).toBe("0.0.0.0");
      expect([env.SANDPIT_SMTP_HOST, env.SANDPIT_SMTP_PORT]).toEqual(["0.0.0.0", "1025"]);
      expect([env.SANDPIT_IMAP_HOST, env.SANDPIT_IMAP_PORT, env.SANDPIT_POP3_HOST, env.SANDPIT_POP3_PORT]).toEqual([
        "0.0.0.0",
        "1143",
        "0.0.0.0",
        "1110",
      ]);
      expect(env.SANDPIT_TRUST_PROXY).toBe("true");
      expect(ports(svc)).toEqual([]);
      const deps = Object.keys(dict(svc.depends_on, `${name}.depends_on`));
      expect(deps.sort()).toEqual(["mailpit-rqlite", "postgres"]);
    }
    expect(dict(cluster["sandpit-1"]!.build, "build").dockerfile).toBe("scripts/Dockerfile");
    const pg = environment(cluster.postgres!);
    expect([pg.POSTGRES_USER, pg.POSTGRES_DB]).toEqual(["sandpit", "sandpit"]);
  });

  it("puts nginx in front of all three replicas for HTTP, SMTP, IMAP and POP3, passing the Host users typed and not buffering long polls", () => {
    const lb = cluster.lb!;
    expect(ports(lb)).toContainEqual({ published: "${SANDPIT_PORT:-8025}", target: "8025" });
    expect(ports(lb)).toContainEqual({ published: "${SANDPIT_SMTP_PORT:-1025}", target: "1025" });
    const conf = mounts(lb).find((m) => m.target === "/etc/nginx/nginx.conf");
    expect(conf?.source).toBe("./scripts/nginx-cluster.conf");
    const text = read("scripts/nginx-cluster.conf");
    const upstream = [...text.matchAll(/^\s*server\s+([\w-]+):8025\b/gm)].map((m) => m[1]);
    expect(upstream.sort()).toEqual(replicas);
    const smtp = [...text.matchAll(/^\s*server\s+([\w-]+):1025\b/gm)].map((m) => m[1]);
    expect(smtp.sort()).toEqual(replicas);
    expect(text).toMatch(/stream \{[\s\S]*listen 1025;[\s\S]*proxy_pass sandpit_smtp;/);
    for (const [port, upstreamName] of [
      ["1143", "sandpit_imap"],
      ["1110", "sandpit_pop3"],
    ] as const) {
      expect(ports(lb)).toContainEqual({
        published: `\${SANDPIT_${upstreamName === "sandpit_imap" ? "IMAP" : "POP3"}_PORT:-${port}}`,
        target: port,
      });
      expect([...text.matchAll(new RegExp(`^\\s*server\\s+([\\w-]+):${port}\\b`, "gm"))].map((m) => m[1]).sort()).toEqual(replicas);
      expect(text).toMatch(new RegExp(`listen ${port};\\s*proxy_pass ${upstreamName};`));
    }
    expect(text).toMatch(/listen 8025;/);
    expect(text).toMatch(/proxy_set_header Host \$http_host;/);
    expect(text).toMatch(/proxy_buffering off;/);
    expect(text).toMatch(/proxy_read_timeout \d{3,}s;/);
  });
});
