/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/chaincode', '<rootDir>/gateway', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
  // Suites that start real things (ledger in a temp dir, child processes, Chromium) need time on 2 cores.
  testTimeout: 60000,
  maxWorkers: 2,
};
