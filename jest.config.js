/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/chaincode',
    '<rootDir>/ledger',
    '<rootDir>/gateway',
    '<rootDir>/test',
    '<rootDir>/scripts',
  ],
  // The Fabric network suite needs a running network (test-network.sh up/createChannel/deployCC): .ci/run
  // starts one and runs it with TRACE_FABRIC=1.
  testPathIgnorePatterns:
    process.env.TRACE_FABRIC === '1' ? ['/node_modules/'] : ['/node_modules/', '/test/fabric/'],
  testMatch: ['**/*.test.ts'],
  // Type checking is `npm run typecheck`'s job; transpiling per file keeps the suite fast on 2 cores.
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: { ...require('./tsconfig.json').compilerOptions, isolatedModules: true },
        diagnostics: false,
      },
    ],
  },
  setupFiles: ['<rootDir>/test/helpers/env.js'],
  // Suites that start real things (ledger in a temp dir, child processes, Chromium) need time on 2 cores.
  testTimeout: 60000,
  maxWorkers: 2,
};
