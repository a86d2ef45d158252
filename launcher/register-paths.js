// Resolves the @klimavagt/* path aliases of tsconfig.json against the compiled dist/ folder at run time.
const { register } = require('tsconfig-paths');
const { join } = require('node:path');
const { compilerOptions } = require('../tsconfig.json');

register({ baseUrl: join(__dirname, '..', 'dist'), paths: compilerOptions.paths });
