/** Who may run a slash command: the commenter's access to the repository against the level the command needs. Pure. */
import { PERMISSION_LEVELS, type Config, type PermissionLevel } from '../config.js';

export type GuardedCommand = 'verify' | 'explain' | 'fix';

/** A user's access to the repository: a permission level, or none at all. */
export type Access = 'none' | PermissionLevel;
const ORDER: readonly Access[] = ['none', ...PERMISSION_LEVELS];

/**
 * The access GitHub's collaborator-permission API reports: `role_name` when it is one of the
 * repository roles (it tells triage and maintain apart), else `permission` (a custom role's base).
 */
export function accessOf(answer: { permission?: string | null; role_name?: string | null }): Access {
  for (const value of [answer.role_name, answer.permission]) {
    const level = value?.toLowerCase() as Access | undefined;
    if (level && ORDER.includes(level)) return level;
  }
  return 'none';
}

/** The level a command needs: the config's `commands`, else read on a private repository and triage on a public one. */
export function requiredLevel(command: GuardedCommand, commands: Config['commands'], isPrivate: boolean): PermissionLevel {
  return commands[command] ?? (isPrivate ? 'read' : 'triage');
}

export function allows(access: Access, needed: PermissionLevel): boolean {
  return ORDER.indexOf(access) >= ORDER.indexOf(needed);
}
