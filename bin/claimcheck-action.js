#!/usr/bin/env node
// The GitHub Action's entry point (action.yml runs it): the compiled action lives in dist/, built
// by the action's install step. Inputs come as INPUT_* variables, as the runner gives a node action.
import { runAction } from '../dist/action/run.js';
import { processIo } from '../dist/cli/io.js';

process.exitCode = await runAction(processIo());
