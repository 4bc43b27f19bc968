/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // Each file starts its own database (a fresh PostgreSQL database, or an embedded one).
  testTimeout: 30_000,
  maxWorkers: process.env.CI ? 2 : '50%',
};
