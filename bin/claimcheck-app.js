#!/usr/bin/env node
// Entry point of the GitHub App server (`npm start`): the compiled server lives in dist/ (built by
// `npm run build`). It refuses to start, with exit code 2, when the environment is incomplete.
import { main } from '../dist/app/server.js';

const code = await main();
if (code !== undefined) process.exitCode = code;
