/** The `claimcheck` command: parses arguments and hands off to the verify and trend commands. */
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../version.js';
import { runVerify, type VerifyCliOptions } from './verify.js';
import { runTrend, type TrendCliOptions } from './trend.js';
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
    .addOption(
      new Option('--format <format>', 'output format (sarif: SARIF 2.1.0 for code scanning; junit: JUnit XML, a test case per claim)')
        .choices(['text', 'json', 'markdown', 'sarif', 'junit'])
        .default('text'),
    )
    .option('--junit <file>', 'a JUnit XML test report (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('--config <file>', `configuration file (default: <repo>/.github/claimcheck.yml when present)`)
    .option('--root <dir>', "sub-project folder that a leading '/' in the plan names (overrides the config's root)")
    .option('--fix', 'rewrite drifted line ranges in the plan files in place (nothing else changes); the report is of the plan before the fix')
    .action(async (plans: string[], options: VerifyCliOptions) => {
      exitCode = await runVerify(plans, options, io);
    });

  program
    .command('trend')
    .description('the readiness score at each commit that changed the plan or a file it cites, from --since to --ref')
    .argument('<plan>', 'the plan file (Markdown or YAML), relative to the repository root; read at each commit')
    .requiredOption('--since <rev>', 'the first commit to score (the trend starts there)')
    .option('--ref <rev>', 'the last commit to score', 'HEAD')
    .option('--repo <dir>', 'the repository (default: the one holding the current folder)')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('json'))
    .option('--svg <file>', 'also write the trend as an SVG line chart to this file')
    .option('--config <file>', `configuration file (default: <repo>/.github/claimcheck.yml when present)`)
    .option('--root <dir>', "sub-project folder that a leading '/' in the plan names (overrides the config's root)")
    .action(async (plan: string, options: TrendCliOptions) => {
      exitCode = await runTrend(plan, options, io);
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  return exitCode;
}
