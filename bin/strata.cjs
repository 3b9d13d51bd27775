#!/usr/bin/env node
// The `strata` command: runs the built CLI (npm run build writes out/main/cli.js).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('strata: not built yet: run `npm run build` first\n');
  process.exit(2);
}
require(cli);
