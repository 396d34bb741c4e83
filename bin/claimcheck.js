#!/usr/bin/env node
// Entry point: the CLI bundled into one module (dist/claimcheck.mjs, made by `npm run build`, run
// by `prepare` on `npm ci`) from the compiled sources in dist/.
import { main } from '../dist/claimcheck.mjs';

process.exitCode = await main(process.argv);
