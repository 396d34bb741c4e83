/**
 * Slash commands in pull-request comments: 👀 on receipt; the config and the commenter's access;
 * the command on the pull request's head commit; then 🚀, or 😕 with a reply that says why.
 */
import type { Context } from 'probot';
import { ConfigError, DEFAULT_CONFIG, DEFAULT_CONFIG_PATH, validateConfig, type Config } from '../config.js';
import { fixRun } from './command-fix.js';
import { explainRun, verifyRun, type Answer, type CommandDeps } from './command-runs.js';
import { accessOf, allows, requiredLevel, type Access } from './access.js';
import { commandOf, type CommentCommand } from './commands.js';
import { configReply, describe, failureReply, helpReply, invalidReply, refusalReply } from './replies.js';

export async function onComment(context: Context<'issue_comment.created'>, deps: CommandDeps): Promise<void> {
  const request = commandOf(context.payload);
  if (request) await runCommand(deps, request);
}

export async function runCommand(deps: CommandDeps, request: CommentCommand): Promise<void> {
  const { octokit, log } = deps;
  const { owner, repo, commentId, pullNumber, command } = request;
  const react = (content: 'eyes' | 'rocket' | 'confused') => octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content });
  const context = { repository: `${owner}/${repo}`, pull: pullNumber, command: command.name, user: request.login };
  await react('eyes').catch((error: unknown) => log.warn({ ...context, err: describe(error) }, 'could not react to the command'));
  let answer: Answer;
  try {
    answer = await answerOf(deps, request);
  } catch (error) {
    log.warn({ ...context, err: describe(error) }, 'the command failed');
    answer = { ok: false, body: failureReply(command.name, error) };
  }
  try {
    if (answer.body !== undefined) await octokit.rest.issues.createComment({ owner, repo, issue_number: pullNumber, body: answer.body });
    await react(answer.ok ? 'rocket' : 'confused');
    log.info({ ...context, ok: answer.ok }, 'command answered');
  } catch (error) {
    log.error({ ...context, err: describe(error) }, 'could not answer the command');
  }
}

async function answerOf(deps: CommandDeps, request: CommentCommand): Promise<Answer> {
  const { command, owner, repo, pullNumber } = request;
  if (command.name === 'help') return { ok: true, body: helpReply() };
  if (command.name === 'invalid') return { ok: false, body: invalidReply(command.problem) };
  // An invalid config does not lower the bar: access is then judged by the default levels
  const config = await loadConfig(deps);
  const needed = requiredLevel(command.name, (typeof config === 'string' ? DEFAULT_CONFIG : config).commands, request.private);
  const access = await accessTo(deps, request);
  if (!allows(access, needed)) return { ok: false, body: refusalReply(command.name, request.login, needed, access, `${owner}/${repo}`) };
  if (typeof config === 'string') return { ok: false, body: configReply(config) };
  const { data: pull } = await deps.octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber });
  const run = command.name === 'verify' ? verifyRun(command.ids) : command.name === 'explain' ? explainRun(command.id) : fixRun;
  return run(deps, config, { owner, repo, sha: pull.head.sha, pullNumber });
}

/** The config, or why it cannot be had. */
async function loadConfig(deps: CommandDeps): Promise<Config | string> {
  try {
    return validateConfig(await deps.loadConfig(), DEFAULT_CONFIG_PATH);
  } catch (error) {
    return error instanceof ConfigError ? `The configuration is invalid: ${error.message}.` : `The configuration could not be read: ${describe(error)}.`;
  }
}

/** The commenter's access, from the collaborator-permission API (a login GitHub does not know has none). */
async function accessTo(deps: CommandDeps, { owner, repo, login }: CommentCommand): Promise<Access> {
  try {
    const { data } = await deps.octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login });
    return accessOf(data);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return 'none';
    throw error;
  }
}
