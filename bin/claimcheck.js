#!/usr/bin/env node
// Entry point: the compiled CLI lives in dist/ (built by `npm run build`, run by `prepare` on `npm ci`).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
