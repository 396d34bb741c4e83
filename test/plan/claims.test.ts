import { describe, expect, it } from '@jest/globals';
import { ItemBuilder } from '../../src/plan/claims.js';
import type { Line, Segment } from '../../src/plan/segments.js';

/** Offsets stand on one line here: offset n is column n + 1. */
const locate = (offset: number) => ({ line: 1, column: offset + 1 });

function builder(): ItemBuilder {
  return new ItemBuilder('M2-003', 'Harden', { line: 7, column: 1 }, locate);
}

function text(value: string, offset = 0): Segment {
  return { type: 'text', value, offset, exact: true };
}

function code(value: string, offset = 0): Segment {
  return { type: 'code', value, offset, exact: true };
}

function line(...segments: Segment[]): Line {
  return segments;
}

describe('ItemBuilder', () => {
  it('builds an empty item with its id, title and position', () => {
    expect(builder().build()).toEqual({ id: 'M2-003', title: 'Harden', line: 7, column: 1, priority: null, status: null, claims: [] });
  });

  it('ignores id and title cells', () => {
    const b = builder();
    b.addField('id', line(text('src/a.ts')));
    b.addField('title', line(text('src/b.ts')));
    expect(b.build().claims).toEqual([]);
  });

  it('keeps the first priority it can read', () => {
    const b = builder();
    b.addField('priority', line(text('P0/P1/P2')));
    b.addField('priority', line(text('P1')));
    b.addField('priority', line(text('P0')));
    expect(b.build().priority).toBe('P1');
  });

  it('points at the value, past the space after the label', () => {
    const b = builder();
    b.addField('status', line(text('  Done', 10)));
    expect(b.build().statusField).toEqual({ text: 'Done', line: 1, column: 13 });
  });

  it('points an inexact segment at its start', () => {
    const b = builder();
    b.addField('file', line({ type: 'text', value: 'see src/my_file.py', offset: 20, exact: false }));
    expect(b.build().claims).toEqual([{ kind: 'file', target: { raw: 'src/my_file.py', base: 'root' }, text: 'src/my_file.py', line: 1, column: 21 }]);
  });

  describe('status precedence', () => {
    it('prefers a Status field, then a test result, then the heading mark', () => {
      const b = builder();
      b.setHeadingStatus('done', '✅', { line: 7, column: 1 });
      expect(b.build().status).toBe('done');
      b.addField('status', line(text('FAILING')), 'test');
      expect(b.build().status).toBe('failing');
      b.addField('status', line(text('In Progress')));
      expect(b.build().status).toBe('in-progress');
      b.addField('status', line(text('PASSING')), 'test');
      b.setHeadingStatus('todo', '[ ]', { line: 7, column: 1 });
      expect(b.build()).toMatchObject({ status: 'in-progress', statusField: { text: 'In Progress' } });
    });

    it('keeps the first Status field', () => {
      const b = builder();
      b.addField('status', line(text('Blocked')));
      b.addField('status', line(text('Done')));
      expect(b.build().status).toBe('blocked');
    });

    it('keeps the first test result as the status', () => {
      const b = builder();
      b.addField('status', line(text('FAILING')), 'test');
      b.addField('status', line(text('PASSING')), 'test');
      expect(b.build().status).toBe('failing');
      expect(b.build().claims.map((c) => c.kind === 'test-result' && c.status)).toEqual(['failing', 'done']);
    });

    it('records template alternatives as an unfilled status claim', () => {
      const b = builder();
      b.addField('status', line(text('Done/In Progress')));
      expect(b.build()).toMatchObject({ status: null, claims: [{ kind: 'unfilled', intended: 'status', text: 'Done/In Progress' }] });
    });

    it('makes no claim of a status it cannot read', () => {
      const b = builder();
      b.addField('status', line(text('see notes')));
      expect(b.build()).toMatchObject({ status: null, claims: [] });
    });
  });

  describe('counts', () => {
    it('reads a count with the measure of its role', () => {
      const b = builder();
      b.addField('loc-added', line(text(' ~45', 3)));
      b.addField('loc-removed', line(text('2')));
      expect(b.build().claims).toEqual([
        { kind: 'loc', measure: 'added', value: 45, estimate: false, approximate: true, text: '~45', line: 1, column: 5 },
        { kind: 'loc', measure: 'removed', value: 2, estimate: false, approximate: false, text: '2', line: 1, column: 1 },
      ]);
    });

    it('reads placeholders as unfilled and empty values as nothing', () => {
      const b = builder();
      b.addField('loc-added', line(text('XX')));
      b.addField('loc-modified', line(text('N/A')));
      b.addField('loc-modified', line(text('many')));
      expect(b.build().claims).toEqual([{ kind: 'unfilled', intended: 'loc', text: 'XX', line: 1, column: 1 }]);
    });
  });

  describe('test names', () => {
    it('reads each code span of a Test Name field as a test', () => {
      const b = builder();
      b.addField('test-name', line(code('test_a', 0), text(', ', 8), code('tests/b.py::test_b', 11)));
      expect(b.build().claims).toEqual([
        { kind: 'test', name: 'test_a', text: 'test_a', line: 1, column: 1 },
        { kind: 'test', name: 'test_b', file: { raw: 'tests/b.py', base: 'root' }, text: 'tests/b.py::test_b', line: 1, column: 12 },
      ]);
    });

    it('gives every test without a file the first Test File of the item', () => {
      const b = builder();
      b.addField('test-name', line(code('test_a')));
      b.addField('test-file', line(code('tests/one.py', 40)));
      b.addField('test-file', line(code('tests/two.py', 60)));
      const test = b.build().claims.find((c) => c.kind === 'test');
      expect(test).toMatchObject({ name: 'test_a', file: { raw: 'tests/one.py', base: 'root' } });
    });

    it('keeps the file named in a node id', () => {
      const b = builder();
      b.addField('test-file', line(code('tests/other.py')));
      b.addField('test', line(code('tests/x.py::test_x')));
      expect(b.build().claims.find((c) => c.kind === 'test')).toMatchObject({ file: { raw: 'tests/x.py' }, name: 'test_x' });
    });
  });

  describe('commits', () => {
    it('reads a placeholder in a Commit field as unfilled', () => {
      const b = builder();
      b.addField('commit', line(code('[commit-hash]')));
      expect(b.build().claims).toEqual([{ kind: 'unfilled', intended: 'commit', text: '[commit-hash]', line: 1, column: 1 }]);
    });

    it('ignores words in a Commit field that are not ids', () => {
      const b = builder();
      b.addField('commit', line(text('pending review')));
      expect(b.build().claims).toEqual([]);
    });
  });
});
