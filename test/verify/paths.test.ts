import { describe, expect, it } from '@jest/globals';
import { resolvePath } from '../../src/verify/paths.js';

const root = (raw: string) => ({ raw, base: 'root' as const });
const plan = (raw: string) => ({ raw, base: 'plan' as const });

describe('resolvePath', () => {
  it('reads a plain path from the repository root', () => {
    expect(resolvePath(root('src/a.ts'), 'docs/PLAN.md')).toEqual({ ok: true, path: 'src/a.ts' });
  });

  it('takes a leading slash as the repository root', () => {
    expect(resolvePath(root('/src/a.ts'), 'docs/PLAN.md')).toEqual({ ok: true, path: 'src/a.ts' });
    expect(resolvePath(plan('/src/a.ts'), 'docs/PLAN.md')).toEqual({ ok: true, path: 'src/a.ts' });
  });

  it('anchors root paths, with or without a leading slash, at the configured sub-project', () => {
    expect(resolvePath(root('/src/a.ts'), 'PLAN.md', 'packages/api')).toEqual({ ok: true, path: 'packages/api/src/a.ts' });
    expect(resolvePath(root('src/a.ts'), 'PLAN.md', 'packages/api/')).toEqual({ ok: true, path: 'packages/api/src/a.ts' });
  });

  it('normalises `.`, doubled slashes, trailing slashes and backslashes', () => {
    expect(resolvePath(root('./src//verify/./a.ts'), 'PLAN.md')).toEqual({ ok: true, path: 'src/verify/a.ts' });
    expect(resolvePath(root('src/verify/'), 'PLAN.md')).toEqual({ ok: true, path: 'src/verify' });
    expect(resolvePath(root('src\\verify\\a.ts'), 'PLAN.md')).toEqual({ ok: true, path: 'src/verify/a.ts' });
  });

  it('lets `..` move around inside the repository', () => {
    expect(resolvePath(root('src/plan/../verify/a.ts'), 'PLAN.md')).toEqual({ ok: true, path: 'src/verify/a.ts' });
  });

  it('resolves Markdown link targets from the plan folder', () => {
    expect(resolvePath(plan('../src/x.ts'), 'docs/PLAN.md')).toEqual({ ok: true, path: 'src/x.ts' });
    expect(resolvePath(plan('notes/a.md'), 'docs/PLAN.md')).toEqual({ ok: true, path: 'docs/notes/a.md' });
    expect(resolvePath(plan('src/x.ts'), 'PLAN.md')).toEqual({ ok: true, path: 'src/x.ts' });
  });

  it('resolves the repository root itself to the empty path', () => {
    expect(resolvePath(root('/'), 'PLAN.md')).toEqual({ ok: true, path: '' });
    expect(resolvePath(root('src/..'), 'PLAN.md')).toEqual({ ok: true, path: '' });
  });

  it.each([
    [root('../x'), 'PLAN.md'],
    [root('/../x'), 'docs/PLAN.md'],
    [root('src/../../x'), 'PLAN.md'],
    [root('..\\x'), 'PLAN.md'],
    [plan('../../x'), 'docs/PLAN.md'],
    [plan('../x'), 'PLAN.md'],
  ])('refuses %j from %s: it leaves the repository', (ref, planPath) => {
    const resolved = resolvePath(ref, planPath);
    expect(resolved.ok).toBe(false);
    expect(resolved).toMatchObject({ reason: expect.stringContaining('leaves the repository') });
  });

  it('never yields a path that starts with `..` or `/`', () => {
    for (const raw of ['../a', '/../a', 'a/../../b', './../a', '//../a', 'a/./../..']) {
      for (const base of ['root', 'plan'] as const) {
        const resolved = resolvePath({ raw, base }, 'docs/PLAN.md');
        if (resolved.ok) expect(resolved.path).not.toMatch(/^(?:\.\.|\/)/);
      }
    }
  });
});
