import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// Static checks of docker-compose.yml (no Docker engine is needed to run them).

const composeUrl = new URL("../../docker-compose.yml", import.meta.url);
const rootUrl = new URL("./", composeUrl);
const read = (relative: string): string => fs.readFileSync(new URL(relative, rootUrl), "utf8");

type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => typeof v === "object" && v !== null && !Array.isArray(v);

function dict(v: unknown, what: string): Dict {
  if (!isDict(v)) throw new Error(`${what} is not a mapping`);
  return v;
}

const compose = dict(parse(fs.readFileSync(composeUrl, "utf8")), "docker-compose.yml");
const services = dict(compose.services, "services");
const mailpit = dict(services.mailpit, "services.mailpit");
const sandpit = dict(services.sandpit, "services.sandpit");
const topVolumes = compose.volumes === undefined || compose.volumes === null ? {} : dict(compose.volumes, "volumes");

/** `command` as a list of words: split on "=" too, so `--max=0` and `--max 0` look alike. */
function commandWords(svc: Dict): string[] {
  const cmd = svc.command;
  const raw = Array.isArray(cmd) ? cmd.map(String) : typeof cmd === "string" ? cmd.trim().split(/\s+/) : [];
  return raw.flatMap((w) => (/^--[^=]+=/.test(w) ? [w.slice(0, w.indexOf("=")), w.slice(w.indexOf("=") + 1)] : [w]));
}

/** The value following a flag in a command, if any. */
function flagValue(words: string[], flag: string): string | undefined {
  const i = words.indexOf(flag);
  return i >= 0 ? words[i + 1] : undefined;
}

/** `environment` as a map, whether written as a mapping or as a list of KEY=VALUE. */
function environment(svc: Dict): Record<string, string> {
  const env = svc.environment;
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map(String).map((e) => {
        const i = e.indexOf("=");
        return i < 0 ? [e, ""] : [e.slice(0, i), e.slice(i + 1)];
      }),
    );
  }
  if (isDict(env)) return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v ?? "")]));
  return {};
}

interface PortMapping {
  published: string | undefined;
  target: string;
}

/** `ports` in short ("[ip:]host:container[/proto]") or long ({ target, published }) syntax. */
function ports(svc: Dict): PortMapping[] {
  const list = Array.isArray(svc.ports) ? (svc.ports as unknown[]) : [];
  return list.map((p) => {
    if (isDict(p)) {
      return { target: String(p.target), published: p.published === undefined ? undefined : String(p.published) };
    }
    const s = String(p).replace(/\/(tcp|udp)$/, "");
    // The container side is after the last ":" outside of ${…} interpolations.
    const m = /^(?:(.*):)?([^:}]+)$/.exec(s);
    if (!m) throw new Error(`unparseable port mapping ${s}`);
    return { published: m[1], target: m[2] ?? "" };
  });
}

interface Mount {
  source: string | undefined;
  target: string;
}

/** `volumes` in short ("source:target[:mode]") or long ({ source, target }) syntax. */
function mounts(svc: Dict): Mount[] {
  const list = Array.isArray(svc.volumes) ? (svc.volumes as unknown[]) : [];
  return list.map((v) => {
    if (isDict(v)) return { source: v.source === undefined ? undefined : String(v.source), target: String(v.target) };
    const parts = String(v).split(":");
    return parts.length === 1 ? { source: undefined, target: parts[0] ?? "" } : { source: parts[0], target: parts[1] ?? "" };
  });
}

/** True if `dir` is on a named volume declared at the top level (the mount is `dir` or a parent of it). */
function onNamedVolume(svc: Dict, dir: string): boolean {
  return mounts(svc).some(
    (m) =>
      m.source !== undefined &&
      Object.hasOwn(topVolumes, m.source) &&
      (dir === m.target || dir.startsWith(m.target.endsWith("/") ? m.target : `${m.target}/`)),
  );
}

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

  it("publishes Mailpit's SMTP port 1025 for apps under test", () => {
    expect(ports(mailpit)).toContainEqual({ published: "${SANDPIT_SMTP_PORT:-1025}", target: "1025" });
  });

  it("runs Mailpit with auto-prune off and its database on a named volume", () => {
    const words = commandWords(mailpit);
    expect(flagValue(words, "--max")).toBe("0");
    const database = flagValue(words, "--database");
    expect(database, "--database <path>").toBeDefined();
    expect(database).toMatch(/^\//);
    expect(onNamedVolume(mailpit, database ?? "")).toBe(true);
  });

  it("points Sandpit at the mailpit service's HTTP API and SMTP port", () => {
    const env = environment(sandpit);
    expect(env.MAILPIT_URL).toMatch(/^http:\/\/mailpit:8025\/?$/);
    expect(env.MAILPIT_SMTP).toBe("mailpit:1025");
  });

  it("keeps Sandpit's data folder on a named volume", () => {
    const dataDir = environment(sandpit).SANDPIT_DATA_DIR;
    expect(dataDir).toBeDefined();
    expect(onNamedVolume(sandpit, dataDir ?? "")).toBe(true);
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
    expect(dockerfile).toMatch(/^CMD \["node_modules\/\.bin\/tsx", "src\/main\.ts"\]/m);
  });
});
