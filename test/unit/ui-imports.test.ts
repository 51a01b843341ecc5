import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** The web UI's ES modules, read as text: the UI has no build step, so this is the whole graph. */
const UI_JS = fileURLToPath(new URL("../../ui/js/", import.meta.url));

function listModules(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return listModules(full);
    return e.name.endsWith(".js") ? [full] : [];
  });
}

/** Static imports and re-exports (`import … from "x"`, `import "x"`, `export … from "x"`) and `import("x")`. */
const IMPORT = /(?:^|[\s;])(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** imports lists one module's specifiers; comments are stripped first so examples in JSDoc do not count. */
function imports(file: string): string[] {
  const source = fs
    .readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
  return [...source.matchAll(IMPORT)].flatMap((m) => {
    const spec = m[1] ?? m[2];
    return spec ? [spec] : [];
  });
}

const modules = listModules(UI_JS);
const graph = new Map(
  modules.map((file) => [file, imports(file).map((spec) => ({ spec, target: path.resolve(path.dirname(file), spec) }))]),
);
const rel = (file: string) => path.relative(UI_JS, file);

type Graph = Map<string, { spec: string; target: string }[]>;

/** findCycle returns one import cycle of `g` as a list of modules, or null: a depth-first search with colours. */
function findCycle(g: Graph): string[] | null {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (file: string): string[] | null => {
    if (state.get(file) === "done") return null;
    if (state.get(file) === "visiting") return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, "visiting");
    stack.push(file);
    for (const { target } of g.get(file) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, "done");
    return null;
  };
  for (const file of g.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

describe("ui/js module graph", () => {
  it("finds the UI's modules and their imports", () => {
    expect(modules.map(rel)).toContain("app.js");
    expect(modules.map(rel)).toContain("store.js");
    expect(modules.map(rel)).toContain("router.js");
    expect(imports(path.join(UI_JS, "app.js")).length).toBeGreaterThan(5);
  });

  it("imports only relative paths ending in .js that exist (no bare specifier, no CDN)", () => {
    const bad: string[] = [];
    for (const [file, edges] of graph) {
      for (const { spec, target } of edges) {
        if (!/^\.\.?\//.test(spec) || !spec.endsWith(".js")) bad.push(`${rel(file)}: "${spec}" is not a relative .js path`);
        else if (!fs.existsSync(target)) bad.push(`${rel(file)}: "${spec}" does not exist`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("has no import cycle", () => {
    expect(findCycle(graph)?.map(rel).join(" → ") ?? null).toBeNull();
  });

  it("keeps the store free of the DOM and of imports, and app.js imported by nobody", () => {
    expect(graph.get(path.join(UI_JS, "store.js"))).toEqual([]);
    expect(fs.readFileSync(path.join(UI_JS, "store.js"), "utf8")).not.toMatch(/\bdocument\b|\bwindow\b/);
    const importers = [...graph].filter(([, edges]) => edges.some((e) => rel(e.target) === "app.js")).map(([f]) => rel(f));
    expect(importers).toEqual([]);
  });

  it("keeps every module under 200 lines", () => {
    const long = modules.filter((f) => fs.readFileSync(f, "utf8").split("\n").length > 200).map(rel);
    expect(long).toEqual([]);
  });

  it("detects a cycle when there is one", () => {
    // The search itself, on a made-up graph: a → b → c → a, and d → a outside the cycle.
    const [a, b, c, d] = ["/x/a.js", "/x/b.js", "/x/c.js", "/x/d.js"];
    const edge = (target: string) => ({ spec: `./${path.basename(target)}`, target });
    const cyclic: Graph = new Map([
      [d, [edge(a)]],
      [a, [edge(b)]],
      [b, [edge(c)]],
      [c, [edge(a)]],
    ]);
    expect(findCycle(cyclic)).toEqual([a, b, c, a]);
    expect(
      findCycle(
        new Map([
          [a, [edge(b)]],
          [b, []],
          [d, [edge(a), edge(b)]],
        ]),
      ),
    ).toBeNull();
  });
});
