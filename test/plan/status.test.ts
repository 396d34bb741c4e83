import { describe, expect, it } from '@jest/globals';
import { isTemplateChoice, isTestOutcome, parseStatus } from '../../src/plan/status.js';

describe('parseStatus', () => {
  it.each([
    ['Done', 'done'],
    ['DONE', 'done'],
    ['**Completed**', 'done'],
    ['✅', 'done'],
    ['[x]', 'done'],
    ['PASSING', 'done'],
    ['Merged', 'done'],
    ['In Progress', 'in-progress'],
    ['in-progress', 'in-progress'],
    ['WIP', 'in-progress'],
    ['🔄', 'in-progress'],
    ['Not started', 'todo'],
    ['To do', 'todo'],
    ['[ ]', 'todo'],
    ['Failing', 'failing'],
    ['❌', 'failing'],
    ['Blocked', 'blocked'],
    ['On hold', 'blocked'],
    ["Won't do", 'skipped'],
    ['Deferred', 'skipped'],
    ['Partially implemented', 'partial'],
    ['🟡', 'partial'],
  ])('reads %j as %s', (text, status) => {
    expect(parseStatus(text)).toBe(status);
  });

  it.each([
    ['✅ Done', 'done'], // the emoji and the word agree; "do" inside "done" must not swallow it
    ['✅ Done (2025-10-14)', 'done'],
    ['Done ✅', 'done'],
    ['Done - merged in #12', 'done'],
    ['Completed (2025-10-14)', 'done'],
    ['🔄 In Progress', 'in-progress'],
    ['In progress, ETA Friday', 'in-progress'],
    ['In Progress (60%)', 'in-progress'],
    ['To do (later)', 'todo'],
    ['On hold: waiting for legal', 'blocked'],
    ['Blocked by M2-001', 'blocked'],
    ['⚠️ Partial', 'partial'],
    ['(done)', 'done'],
  ])('lets the first word or emoji of %j decide (%s)', (text, status) => {
    expect(parseStatus(text)).toBe(status);
  });

  it.each(['Done/In Progress', 'Draft / In Progress / Completed', 'Pass/Fail', 'PASSING/FAILING'])(
    'takes the template alternatives %j as no status',
    (text) => {
      expect(parseStatus(text)).toBeNull();
    },
  );

  it.each(['', '   ', 'N/A', 'unclear', 'see notes', 'on holdx'])('finds no status in %j', (text) => {
    expect(parseStatus(text)).toBeNull();
  });
});

describe('isTemplateChoice', () => {
  it('needs at least two status words separated by slashes', () => {
    expect(isTemplateChoice('Done/In Progress')).toBe(true);
    expect(isTemplateChoice('Draft / Completed')).toBe(true);
    expect(isTemplateChoice('Done')).toBe(false);
    expect(isTemplateChoice('Done/merged')).toBe(true); // "merged" is a status word too
    expect(isTemplateChoice('Done / see PR 12')).toBe(false);
    expect(isTemplateChoice('and/or')).toBe(false);
  });
});

describe('isTestOutcome', () => {
  it.each(['PASSING', 'passed', 'Pass', 'FAILED', 'fail', '**Passing** (12/12)', 'Passed: all green'])(
    '%j is a test outcome',
    (text) => {
      expect(isTestOutcome(text)).toBe(true);
    },
  );

  it.each(['Done', 'Completed', 'In Progress', 'passingly', '', 'green'])('%j is not a test outcome', (text) => {
    expect(isTestOutcome(text)).toBe(false);
  });
});
