/**
 * Lets a plain `node` child process require the project's TypeScript (ts-node is not installed): each .ts file is
 * transpiled on load with the TypeScript compiler's transpileModule, using the project's decorator settings.
 * Usage: node -r ./ledger/test/support/transpileRegister.js some.ts
 */
'use strict';
const fs = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  sourceMap: false,
};

require.extensions['.ts'] = function compile(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
