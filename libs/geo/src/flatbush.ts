// Loads flatbush 4, an ES-module-only package, into this CommonJS codebase. Node's own require loads it
// (require(esm), Node ≥ 20.19) — also under jest, whose module loader would not transform it. On an older Node
// the package's UMD build (`flatbush.js`, shipped beside it) is evaluated as CommonJS instead.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type FlatbushClass from 'flatbush';

type FlatbushConstructor = typeof FlatbushClass;

function loadFlatbush(): FlatbushConstructor {
  const nodeRequire = createRequire(__filename);
  try {
    const loaded = nodeRequire('flatbush') as { default?: FlatbushConstructor };
    if (typeof loaded.default === 'function') return loaded.default;
  } catch {
    // ERR_REQUIRE_ESM: fall through to the UMD build.
  }
  const file = join(dirname(nodeRequire.resolve('flatbush')), 'flatbush.js');
  const module = { exports: {} as unknown };
  new Function('module', 'exports', readFileSync(file, 'utf8'))(module, module.exports);
  if (typeof module.exports !== 'function') throw new Error(`could not load flatbush from ${file}`);
  return module.exports as FlatbushConstructor;
}

export const Flatbush: FlatbushConstructor = loadFlatbush();
export type Flatbush = FlatbushClass;
