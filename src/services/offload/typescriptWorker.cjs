// Starts a worker thread from TypeScript sources (only the test runner needs it: `npm start` runs the
// compiled .js). Registers a require hook that transpiles .ts files with the project's TypeScript
// compiler (no type check: the build does that), then loads the entry given as the first argument.
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  inlineSourceMap: true,
};

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};

require(process.argv[2]);
