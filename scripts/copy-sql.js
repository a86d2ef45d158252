// Copies the non-TypeScript files the libraries read at run time (SQL, the embedded engine's script) into dist/.
const { cpSync, readdirSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.(sql|cjs|html)$/.test(name)) cpSync(path, join(root, 'dist', relative(root, path)));
  }
}
walk(join(root, 'libs'));
walk(join(root, 'apps'));
