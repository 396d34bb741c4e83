/**
 * How a step talks to the Actions runner: workflow commands on stdout (annotations, stop-commands),
 * and the files the runner names in GITHUB_OUTPUT and GITHUB_STEP_SUMMARY. Pure formatting; the
 * caller writes. Escaping follows @actions/core, so plan text can neither break nor forge a command.
 */
import { randomBytes } from 'node:crypto';
import type { Verdict } from '../plan/types.js';
import { clipBytes } from '../report/links.js';

/** GitHub refuses a job summary over 1 MiB for a step (and then shows none of it). */
export const SUMMARY_LIMIT = 1024 * 1024;

/** A command's message: `%`, CR and LF escaped, so it stays one command on one line. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command property's value: also `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface AnnotationPlace {
  file?: string;
  line?: number;
  col?: number;
  title?: string;
}

/** `::error file=docs/PLAN.md,line=12,col=5,title=commit-not-found::message`. */
export function annotationCommand(level: 'error' | 'warning' | 'notice', message: string, place: AnnotationPlace = {}): string {
  const properties = Object.entries(place)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${level}${properties ? ` ${properties}` : ''}::${escapeData(message)}\n`;
}

/** Unverified claims are errors, unknown ones warnings: as in the check run and in SARIF. */
export function annotationLevel(verdict: Exclude<Verdict, 'verified'>): 'error' | 'warning' {
  return verdict === 'unverified' ? 'error' : 'warning';
}

/**
 * Text the runner must not read as commands (a report quoting plan text, which a pull request can
 * write), between `::stop-commands::TOKEN` and `::TOKEN::` with a token nobody can guess.
 */
export function withoutCommands(text: string): string {
  const token = `claimcheck-${randomBytes(16).toString('hex')}`;
  return `::stop-commands::${token}\n${text.endsWith('\n') || text === '' ? text : `${text}\n`}::${token}::\n`;
}

/** `name<<DELIMITER\nvalue\nDELIMITER\n`: the GITHUB_OUTPUT form any value can take. */
export function outputEntries(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, raw]) => {
      const value = String(raw);
      let delimiter: string;
      do delimiter = `ghadelimiter_${randomBytes(16).toString('hex')}`;
      while (value.includes(delimiter));
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
}

/** The job summary, cut (with a note) to what GitHub accepts. */
export function summaryText(markdown: string): string {
  const note = '\n\n… the rest is not shown (job summary limit); see the report output or the SARIF file.\n';
  if (Buffer.byteLength(markdown, 'utf8') <= SUMMARY_LIMIT) return markdown;
  return clipBytes(markdown, SUMMARY_LIMIT - Buffer.byteLength(note, 'utf8')) + note;
}
