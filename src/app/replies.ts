/**
 * The slash commands' short replies: help, refusals, ids not found, failures, verdicts of the items
 * asked for. Pure. (`explain` and `fix` have their own renderers in src/report.)
 */
import { PlanError, type Plan } from '../plan/types.js';
import { COMMENT_LIMIT } from '../report/comment.js';
import { code, fit, headline, itemBlocks, more, shortSha } from '../report/links.js';
import { sameItemId } from '../report/explain.js';
import type { Report } from '../verify/report.js';
import type { Access } from './access.js';
import { describeFault } from './faults.js';

export function helpReply(): string {
  return [
    '**claimcheck commands**: write one alone on a line of a pull-request comment.',
    '',
    '| command | what it does | who may run it (by default) |',
    '| --- | --- | --- |',
    "| `/claimcheck verify [ITEM-ID ...]` | verifies the pull request's head commit again: a new check run and an updated summary comment; with item ids, replies with those items' verdicts | read access (triage on a public repository) |",
    '| `/claimcheck explain ITEM-ID` | replies with every claim of the item: its verdict, code, reason and links | read access (triage on a public repository) |',
    '| `/claimcheck fix` | reviews the plan with a suggested change for each drifted line range; nothing is pushed | write access |',
    '| `/claimcheck help` | this list | anyone |',
    '',
    'The levels are set by `commands` in `.github/claimcheck.yml`.',
  ].join('\n');
}

export function invalidReply(problem: string): string {
  return `claimcheck: ${problem}.\n\n${helpReply()}`;
}

export function refusalReply(command: string, login: string, needed: string, access: Access, repository: string): string {
  const has = access === 'none' ? 'has no access to it' : `has ${access} access`;
  return `claimcheck: \`/claimcheck ${command}\` needs ${needed} access to ${repository}; @${login} ${has}. Nothing was done.`;
}

export function configReply(problem: string): string {
  return `claimcheck: ${problem} Nothing was done.`;
}

export function noPlanReply(sha: string): string {
  return `claimcheck: no plan found at \`${shortSha(sha)}\`, so there is nothing to verify.`;
}

/** The ids asked for that no plan holds. */
export function missingIds(plans: Plan[], ids: string[]): string[] {
  return ids.filter((id) => !plans.some((plan) => plan.items.some((item) => sameItemId(item.id, id))));
}

export function notFoundReply(missing: string[], plans: Plan[], sha: string): string {
  const known = [...new Set(plans.flatMap((plan) => plan.items.map((item) => item.id)))];
  const names = (ids: string[]): string => ids.map((id) => code(id, 100)).join(', ');
  const head = `claimcheck: ${missing.length === 1 ? 'no item' : 'no items'} ${names(missing)} in the plans at \`${shortSha(sha)}\`. Nothing was done.`;
  if (known.length === 0) return `${head}\n\nThe plans hold no items.`;
  const shown = known.slice(0, 50);
  return `${head}\n\nItems: ${names(shown)}${known.length > shown.length ? `, and ${more(known.length - shown.length, 'item')}` : ''}.`;
}

/** `/claimcheck verify ID...`: the verdicts of the items asked for (the check run has the whole plan). */
export function verifiedItemsReply(report: Report, ids: string[]): string {
  const plans = report.plans
    .map((plan) => ({ ...plan, items: plan.items.filter((item) => ids.some((id) => sameItemId(item.item.id, id))) }))
    .filter((plan) => plan.items.length > 0);
  const head = `claimcheck verified \`${shortSha(report.ref)}\` again (${headline(report.summary)}); the check run and the summary comment are updated.`;
  return fit(head, itemBlocks(plans, '####'), COMMENT_LIMIT, (n) => `… ${more(n, 'item')} not shown (comment limit)`);
}

export function noDriftReply(sha: string): string {
  return `claimcheck: no drifted ranges to fix at \`${shortSha(sha)}\`.`;
}

/** What went wrong, in one line: GitHub's status when it answered with an error. */
export function describe(error: unknown): string {
  if (error instanceof PlanError) return `a plan could not be read: ${error.message}`;
  const fault = describeFault(error);
  if (fault) return fault;
  const status = (error as { status?: number } | null)?.status;
  const message = (error instanceof Error ? error.message.split('\n')[0] : String(error)) || 'unknown error';
  return status ? `GitHub answered ${status}: ${message}` : message;
}

/** Why the check run is neutral, in the words verifyCommit uses. */
export function reasonOf(error: unknown): string {
  return error instanceof PlanError ? `A plan could not be read: ${error.message}` : `claimcheck could not finish: ${describe(error)}`;
}

export function failureReply(command: string, error: unknown): string {
  return `claimcheck: \`/claimcheck ${command}\` did not finish: ${describe(error)}`;
}
