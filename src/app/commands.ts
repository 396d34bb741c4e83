/**
 * Slash commands in pull-request comments: which comments hold one and what it asks for (who may
 * run it: access.ts). Pure: no I/O, so every rule here is tested without GitHub.
 */
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export type Command =
  | { name: 'verify'; ids: string[] }
  | { name: 'explain'; id: string }
  | { name: 'fix' }
  | { name: 'help' }
  /** An unknown command, or a known one with the wrong arguments: `problem` says which. */
  | { name: 'invalid'; problem: string };

/** A command to run: where it was written, by whom, and what it asks. */
export interface CommentCommand {
  owner: string;
  repo: string;
  pullNumber: number;
  commentId: number;
  login: string;
  /** The repository is private (`repository.private` in the payload). */
  private: boolean;
  command: Command;
}

/** The slice of an `issue_comment` payload the commands read (Probot's payload type fits it). */
export interface CommentPayload {
  action: string;
  issue: { number: number; pull_request?: unknown };
  comment: { id: number; body?: string | null; user: { login: string; type?: string } | null };
  repository: { name: string; private: boolean; owner: { login: string } };
}

/** `/claimcheck` and its words (one `\s`, then anything: no backtracking over long lines). */
const COMMAND_LINE = /^\/claimcheck(?:\s([^]*))?$/i;
/** Blocks whose text is not the commenter's own words: code, quotes, raw HTML (comments). */
const QUOTED = new Set(['code', 'blockquote', 'html']);
const markdown = unified().use(remarkParse).use(remarkGfm);

/**
 * The command of a newly created comment on a pull request by a person; null for anything else:
 * edits and deletions, comments on issues, comments by bots, comments without a command line.
 */
export function commandOf(payload: CommentPayload): CommentCommand | null {
  const { action, issue, comment, repository } = payload;
  if (action !== 'created' || !issue.pull_request || !comment.user || isBot(comment.user)) return null;
  const command = parseCommand(comment.body ?? '');
  if (!command) return null;
  const { owner, name: repo } = repository;
  return { owner: owner.login, repo, pullNumber: issue.number, commentId: comment.id, login: comment.user.login, private: repository.private, command };
}

export function isBot(user: { login: string; type?: string }): boolean {
  return user.type === 'Bot' || user.login.endsWith('[bot]');
}

/**
 * The first line of `body` that is exactly a command (surrounding whitespace aside), outside code
 * blocks, quotes and HTML comments; null when there is none.
 */
export function parseCommand(body: string): Command | null {
  const lines = body.split(/\r\n|\r|\n/);
  if (!lines.some((line) => COMMAND_LINE.test(line.trim()))) return null;
  const quoted = new Set<number>();
  const mark = (node: Nodes): void => {
    if (QUOTED.has(node.type) && node.position) {
      for (let line = node.position.start.line; line <= node.position.end.line; line++) quoted.add(line);
    } else if ('children' in node) node.children.forEach(mark);
  };
  try {
    mark(markdown.parse(body) as Root);
  } catch {
    return null; // thousands of nested quotes or lists overflow the parser: no command is read there
  }
  for (let i = 0; i < lines.length; i++) {
    const match = quoted.has(i + 1) ? null : COMMAND_LINE.exec(lines[i]!.trim());
    if (match) return commandOfWords((match[1] ?? '').split(/[\s,]+/).map((w) => w.replace(/^`+|`+$/g, '')).filter((w) => w.length > 0));
  }
  return null;
}

function commandOfWords([verb = 'help', ...args]: string[]): Command {
  switch (verb.toLowerCase()) {
    case 'help':
      return { name: 'help' };
    case 'verify':
      return { name: 'verify', ids: [...new Set(args)] };
    case 'explain':
      return args.length === 1 ? { name: 'explain', id: args[0]! } : { name: 'invalid', problem: '`explain` takes one item id: `/claimcheck explain ITEM-ID`' };
    case 'fix':
      return args.length === 0 ? { name: 'fix' } : { name: 'invalid', problem: '`fix` takes no arguments: `/claimcheck fix`' };
    default:
      return { name: 'invalid', problem: 'unknown command' };
  }
}
