import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annotationCommand, escapeData, escapeProperty, outputEntries, SUMMARY_LIMIT, summaryText, withoutCommands } from '../../src/action/commands.js';
import { activeCommands, parseCommand, readOutputs } from './runner.js';

describe('workflow commands', () => {
  it('escape data and properties as @actions/core does', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('docs/a, b: 100%.md')).toBe('docs/a%2C b%3A 100%25.md');
  });

  it('build an annotation the runner reads back to the same values, leaving out empty properties', () => {
    const line = annotationCommand('error', 'line one\n::warning::not a command', { file: 'docs/x,y.md', line: 3, col: 7, title: 'range-out-of-bounds' });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trimEnd().split('\n')).toHaveLength(1);
    expect(parseCommand(line.trimEnd())).toEqual({
      command: 'error',
      properties: { file: 'docs/x,y.md', line: '3', col: '7', title: 'range-out-of-bounds' },
      message: 'line one\n::warning::not a command',
    });
    expect(annotationCommand('warning', 'bare')).toBe('::warning::bare\n');
    expect(annotationCommand('notice', 'm', { file: '', title: 't' })).toBe('::notice title=t::m\n');
  });

  it('fence text off from command processing with a fresh token each time', () => {
    const text = '::error::forged\n::set-output name=x::y';
    const fenced = withoutCommands(text);
    expect(activeCommands(fenced)).toEqual([]);
    expect(activeCommands(`${fenced}::error::real\n`)).toEqual([{ command: 'error', properties: {}, message: 'real' }]);
    expect(withoutCommands('a')).not.toBe(withoutCommands('a'));
    expect(withoutCommands('a')).toMatch(/^::stop-commands::(claimcheck-[0-9a-f]{32})\na\n::\1::\n$/);
  });
});

describe('GITHUB_OUTPUT entries', () => {
  it('hold any value, line breaks included, under a delimiter the value does not contain', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'claimcheck-out-')), 'output');
    await writeFile(file, 'earlier=kept\n');
    const entries = outputEntries({ conclusion: 'failure', count: 3, path: '/tmp/a b\nc', empty: '' });
    await writeFile(file, (await readFile(file, 'utf8')) + entries);
    expect(await readOutputs(file)).toEqual({ earlier: 'kept', conclusion: 'failure', count: '3', path: '/tmp/a b\nc', empty: '' });
  });
});

describe('the job summary', () => {
  it('is kept whole under the limit and cut with a note above it', () => {
    expect(summaryText('# small\n')).toBe('# small\n');
    const big = 'é'.repeat(SUMMARY_LIMIT);
    const cut = summaryText(big);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(cut).toContain('the rest is not shown (job summary limit)');
    expect(cut.startsWith('éé')).toBe(true);
  });
});
