#!/usr/bin/env node
// Runs the Prisma CLI offline: it refuses to start unless a schema-engine binary
// exists, so point it at a placeholder when none is configured (see DESIGN.md §2).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, 'schema-engine-unavailable.sh');
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
