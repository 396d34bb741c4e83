/**
 * Slash commands in pull-request comments: 👀 on receipt; the config and the commenter's access;
 * the command on the pull request's head commit; then 🚀, or 😕 with a reply that says why.
 * Whose access counts is the comment author's: on a pull request from a fork, the fork's author is
 * judged by their own role here, as anyone else. A bot's command is refused with one reply (the
 * App's own comments are ignored): no bot, whatever its role, can make claimcheck act.
 */
import type { Context } from 'probot';
import { ConfigError, DEFAULT_CONFIG, DEFAULT_CONFIG_PATH, validateConfig, type Config } from '../config.js';
import { fixRun } from './command-fix.js';
import { explainRun, verifyRun, type Answer, type CommandDeps } from './command-runs.js';
import { accessOf, allows, requiredLevel, type Access } from './access.js';
import { commandOf, isBot, parseCommand, type CommentCommand, type CommentPayload } from './commands.js';
import { configReply, describe, failureReply, helpReply, invalidReply, refusalReply } from './replies.js';

/** A command to answer; `bot` when a bot wrote it (it is then refused). */
export type CommandRequest = CommentCommand & { bot?: boolean };

export async function onComment(context: Context<'issue_comment.created'>, deps: CommandDeps): Promise<void> {
  const { payload } = context;
  const bot = botOf(payload);
  const request = bot !== null ? await botCommandOf(payload, bot, deps) : commandOf(payload);
  if (request) await runCommand(deps, request);
}

/** The bot that wrote the comment or sent the event (`type: Bot`, or a login ending in `[bot]`), if any. */
function botOf(payload: CommentPayload & { sender?: { login: string; type?: string } | null }): string | null {
  for (const user of [payload.comment.user, payload.sender]) if (user && isBot(user)) return user.login;
  return null;
}

/** The command a bot wrote, to be refused; none for the App's own comments. */
async function botCommandOf(payload: CommentPayload, bot: string, deps: CommandDeps): Promise<CommandRequest | null> {
  const { action, issue, comment, repository } = payload;
  if (action !== 'created' || !issue.pull_request) return null;
  const command = parseCommand(comment.body ?? '');
  if (!command) return null;
  const own = await deps.botLogin().catch(() => null);
  if (bot === own || comment.user?.login === own) return null;
  const { owner, name: repo } = repository;
  return { owner: owner.login, repo, pullNumber: issue.number, commentId: comment.id, login: bot, private: repository.private, command, bot: true };
}

/** The refusal of a bot's command: the bot is named in code, not @mentioned (a mention may wake it up). */
export function botReply(login: string): string {
  return `claimcheck: commands from bots are not run (\`${login.replace(/`/g, '')}\` is a bot). Nothing was done.`;
}

export async function runCommand(deps: CommandDeps, request: CommandRequest): Promise<void> {
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

async function answerOf(deps: CommandDeps, request: CommandRequest): Promise<Answer> {
  const { command, owner, repo, pullNumber } = request;
  if (request.bot) return { ok: false, body: botReply(request.login) };
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
