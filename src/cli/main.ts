/** The `claimcheck` command: parses arguments and hands off to the verify command. */
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../version.js';
import { runVerify, type VerifyCliOptions } from './verify.js';
import { EXIT, type Io, processIo } from './io.js';

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name('claimcheck')
    .description('Check the evidence a plan cites (files, line ranges, commits, tests) against the repository.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  program
    .command('verify')
    .description('verify the claims of one or more plans at a commit')
    .argument('<plan...>', 'plan files (Markdown or YAML), relative to the repository root')
    .option('--repo <dir>', 'the repository (default: the one holding the current folder)')
    .option('--ref <rev>', 'the commit to verify at', 'HEAD')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--junit <file>', 'a JUnit XML test report (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('--config <file>', `configuration file (default: <repo>/.github/claimcheck.yml when present)`)
    .option('--root <dir>', "sub-project folder that a leading '/' in the plan names (overrides the config's root)")
    .option('--fix', 'rewrite drifted line ranges in the plan files in place (nothing else changes); the report is of the plan before the fix')
    .action(async (plans: string[], options: VerifyCliOptions) => {
      exitCode = await runVerify(plans, options, io);
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  return exitCode;
}
