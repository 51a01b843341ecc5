import fs from "node:fs";
import { parse } from "yaml";

/** Static reading of docker-compose.yml: its services as compose would see them (no engine needed). */

const composeUrl = new URL("../../docker-compose.yml", import.meta.url);
/** rootUrl is the repository root, for files the compose file names. */
export const rootUrl = new URL("./", composeUrl);
export const read = (relative: string): string => fs.readFileSync(new URL(relative, rootUrl), "utf8");

export type Dict = Record<string, unknown>;

export const isDict = (v: unknown): v is Dict => typeof v === "object" && v !== null && !Array.isArray(v);

export function dict(v: unknown, what: string): Dict {
  if (!isDict(v)) throw new Error(`${what} is not a mapping`);
  return v;
}

/** `command` as a list of words: split on "=" too, so `--max=0` and `--max 0` look alike. */
export function commandWords(svc: Dict): string[] {
  const cmd = svc.command;
  const raw = Array.isArray(cmd) ? cmd.map(String) : typeof cmd === "string" ? cmd.trim().split(/\s+/) : [];
  return raw.flatMap((w) => (/^--[^=]+=/.test(w) ? [w.slice(0, w.indexOf("=")), w.slice(w.indexOf("=") + 1)] : [w]));
}

/** The value following a flag in a command, if any. */
export function flagValue(words: string[], flag: string): string | undefined {
  const i = words.indexOf(flag);
  return i >= 0 ? words[i + 1] : undefined;
}

/** `environment` as a map, whether written as a mapping or as a list of KEY=VALUE. */
export function environment(svc: Dict): Record<string, string> {
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
export function ports(svc: Dict): PortMapping[] {
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
export function mounts(svc: Dict): Mount[] {
  const list = Array.isArray(svc.volumes) ? (svc.volumes as unknown[]) : [];
  return list.map((v) => {
    if (isDict(v)) return { source: v.source === undefined ? undefined : String(v.source), target: String(v.target) };
    const parts = String(v).split(":");
    return parts.length === 1 ? { source: undefined, target: parts[0] ?? "" } : { source: parts[0], target: parts[1] ?? "" };
  });
}

/** True if `dir` is on a named volume declared at the top level (the mount is `dir` or a parent of it). */
export function onNamedVolume(svc: Dict, dir: string, topVolumes: Dict): boolean {
  return mounts(svc).some(
    (m) =>
      m.source !== undefined &&
      Object.hasOwn(topVolumes, m.source) &&
      (dir === m.target || dir.startsWith(m.target.endsWith("/") ? m.target : `${m.target}/`)),
  );
}

/** compose is docker-compose.yml parsed with YAML merge keys (`<<: *replica`), as compose reads it. */
export const compose = dict(parse(fs.readFileSync(composeUrl, "utf8"), { merge: true }), "docker-compose.yml");
export const services = dict(compose.services, "services");
export const topVolumes: Dict = compose.volumes === undefined || compose.volumes === null ? {} : dict(compose.volumes, "volumes");
