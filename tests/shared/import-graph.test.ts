import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The module graph of src/ and scripts/, read as the compiler reads it: every import, export-from,
// `import type` and dynamic `import()`, relative specifiers only (packages are not our layers).
const root = resolve(import.meta.dirname, '../..');
const sourceExtensions = ['.ts', '.vue', '.mts', '.mjs', '.js', '.json'];

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return sourceExtensions.some((extension) => name.endsWith(extension)) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** A .vue file's imports are in its script blocks; the template imports nothing. */
function scriptText(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.vue')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join('\n');
}

function resolveSpecifier(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, ...sourceExtensions.map((extension) => base + extension), ...sourceExtensions.map((extension) => join(base, 'index' + extension))];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

type ImportGraph = Map<string, string[]>;

function readImportGraph(folders: readonly string[]): ImportGraph {
  const files = folders.flatMap((folder) => filesUnder(join(root, folder)));
  const graph: ImportGraph = new Map();
  for (const file of files) {
    if (file.endsWith('.json')) {
      graph.set(relative(root, file), []);
      continue;
    }
    const { importedFiles } = ts.preProcessFile(scriptText(file), true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => {
        const target = resolveSpecifier(file, specifier);
        if (!target) throw new Error(`${relative(root, file)} imports ${specifier}, which is no file`);
        return relative(root, target);
      });
    graph.set(relative(root, file), [...new Set(targets)]);
  }
  return graph;
}

/** Tarjan's strongly connected components; returns only those of more than one module or a self-import. */
function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  // Iterative, so that a deep chain of imports cannot overflow the call stack.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    lowLink.set(start, next);
    next += 1;
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const target = edges[frame.edge]!;
        frame.edge += 1;
        if (!index.has(target)) {
          index.set(target, next);
          lowLink.set(target, next);
          next += 1;
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.node, Math.min(lowLink.get(parent.node)!, lowLink.get(frame.node)!));
      if (lowLink.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1 || edges.includes(frame.node)) cycles.push(component.sort());
    }
  }
  return cycles;
}

type Layer = 'scripts' | 'app' | 'server' | 'shared';

function layerOf(path: string): Layer | undefined {
  if (path.startsWith('scripts/')) return 'scripts';
  if (path.startsWith('src/app/')) return 'app';
  if (path.startsWith('src/server/')) return 'server';
  if (path.startsWith('src/shared/')) return 'shared';
  return undefined;
}

/** Which layers each layer may import: downward only, and app and server never each other. */
const mayImport: Record<Layer, readonly Layer[]> = {
  scripts: ['scripts', 'app', 'server', 'shared'],
  app: ['app', 'shared'],
  server: ['server', 'shared'],
  shared: ['shared'],
};

function layerViolations(graph: ImportGraph): string[] {
  const violations: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    if (!from) continue;
    for (const target of targets) {
      const to = layerOf(target);
      if (to && !mayImport[from].includes(to)) violations.push(`${file} (${from}) → ${target} (${to})`);
    }
  }
  return violations;
}

const graph = readImportGraph(['src', 'scripts']);

describe('the import graph of src/ and scripts/', () => {
  it('reads the modules and their relative imports', () => {
    expect(graph.size).toBeGreaterThan(300);
    expect(graph.get('src/app/main.ts')).toContain('src/app/App.vue');
  });

  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('points only downward: scripts → app/server → shared, and app and server never import each other', () => {
    expect(layerViolations(graph)).toEqual([]);
  });
});

/**
 * The graph of a side's top folders (src/app/db, src/app/i18n, src/server/routes...): one edge where
 * any module of one imports any module of another. Folders listed in `entries` are left out: they
 * hold a second HTML page's entry, which imports its pages as main.ts does.
 */
function folderGraph(graph: ImportGraph, side: string, entries: readonly string[] = []): ImportGraph {
  const folderOf = (path: string) => {
    const parts = path.split('/');
    return parts.length > 3 && parts[1] === side && !entries.includes(parts[2]!) ? parts[2] : undefined;
  };
  const folders: ImportGraph = new Map();
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    if (!from) continue;
    const edges = folders.get(from) ?? [];
    folders.set(from, edges);
    for (const target of targets) {
      const to = folderOf(target);
      if (to && to !== from && !edges.includes(to)) edges.push(to);
    }
  }
  return folders;
}

describe('the folders of each side', () => {
  it('import one way: i18n above api and db, never below them', () => {
    expect(importCycles(folderGraph(graph, 'app', ['online', 'results']))).toEqual([]);
    expect(folderGraph(graph, 'app').get('api')).not.toContain('i18n');
    expect(folderGraph(graph, 'app').get('db')).not.toContain('i18n');
  });

  it('import one way on the server', () => {
    expect(importCycles(folderGraph(graph, 'server'))).toEqual([]);
  });

  it('import one way in src/shared: the questionnaire model below scoring, scoring below rounds', () => {
    expect(importCycles(folderGraph(graph, 'shared'))).toEqual([]);
    expect(folderGraph(graph, 'shared').get('questionnaire')).not.toContain('rounds');
  });
});

describe('the cycle finder', () => {
  it('finds a two-module cycle and a self-import, and nothing in a chain', () => {
    const graph: ImportGraph = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', ['d']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(importCycles(graph)).toEqual([['a', 'b'], ['e']]);
  });

  it('finds a long cycle as one component', () => {
    const graph: ImportGraph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(importCycles(graph)).toEqual([['a', 'b', 'c']]);
  });
});
