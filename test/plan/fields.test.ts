import { describe, expect, it } from '@jest/globals';
import { namesFiles, parsePriority, roleOf } from '../../src/plan/fields.js';

describe('roleOf', () => {
  it.each([
    ['Target File', 'file'],
    ['File', 'file'],
    ['Files Modified', 'file'],
    ['Implementation', 'evidence'],
    ['Implementation Evidence', 'evidence'],
    ['Completion Evidence', 'evidence'],
    ['Commit', 'commit'],
    ['Commit Hash', 'commit'],
    ['SHA', 'commit'],
    ['Lines Added', 'loc-added'],
    ['Lines Modified', 'loc-modified'],
    ['Lines Removed', 'loc-removed'],
    ['Expected Changes', 'loc-estimate'],
    ['Expected LOC', 'loc-estimate'],
    ['Test File', 'test-file'],
    ['Test Name', 'test-name'],
    ['Test', 'test'],
    ['Test Evidence', 'test-evidence'],
    ['Test Validation', 'test-evidence'],
    ['Status', 'status'],
    ['Priority', 'priority'],
    ['Task ID', 'id'],
    ['ID', 'id'],
    ['Task Name', 'title'],
  ])('maps %j to %s', (label, role) => {
    expect(roleOf(label)).toBe(role);
  });

  it.each([
    ['target file', 'file'],
    ['TARGET FILE', 'file'],
    ['**Target File:**', 'file'],
    ['__Target File__', 'file'],
    ['`File`', 'file'],
    ['File:', 'file'],
    ['Commit.', 'commit'],
    ['  Lines   Added  ', 'loc-added'],
    ['Lines Added (approx.)', 'loc-added'],
    ['✅ Completion Evidence', 'evidence'],
    ['- [x] Evidence', 'evidence'],
    ['🟢 Status', 'status'],
    ['Ｓｔａｔｕｓ', 'status'], // full-width letters, NFKC-normalised
  ])('ignores case and markup in %j (%s)', (label, role) => {
    expect(roleOf(label)).toBe(role);
  });

  it.each(['Owner', 'Notes', 'Completed Date', 'Batch ID', 'Metric', 'Due Date', '', 'Implementation / Completion Evidence'])(
    'gives no role to %j',
    (label) => {
      expect(roleOf(label)).toBeNull();
    },
  );
});

describe('namesFiles', () => {
  it('is true for the roles whose text cites files', () => {
    expect(['file', 'evidence', 'test-file', 'test'].every((r) => namesFiles(r as never))).toBe(true);
  });

  it('is false for counts, commits, statuses and prose', () => {
    for (const role of ['commit', 'loc-added', 'loc-estimate', 'status', 'priority', 'prose', 'test-name'] as const) {
      expect(namesFiles(role)).toBe(false);
    }
  });
});

describe('parsePriority', () => {
  it.each([
    ['P0', 'P0'],
    ['p1', 'P1'],
    ['**P2**', 'P2'],
    ['P0 - Critical', 'P0'],
    ['Medium (P2)', 'P2'],
    ['Critical', 'critical'],
    ['HIGH priority', 'high'],
    ['low', 'low'],
  ])('reads %j as %s', (text, priority) => {
    expect(parsePriority(text)).toBe(priority);
  });

  it.each(['P0/P1/P2', 'High/Low', 'P9', 'none', '', 'urgent'])('reads no priority in %j', (text) => {
    expect(parsePriority(text)).toBeNull();
  });
});
