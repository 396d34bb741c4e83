/** JUnit reports for the tests: the real-reporter fixtures under test/fixtures/junit, parsed. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJUnit, type TestReport } from '../../src/verify/junit.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/junit');

/** The text of a fixture: pytest.xml, jest-junit.xml, surefire.xml, go-junit-report.xml, rspec.xml, nested.xml. */
export function junitFixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** A fixture, parsed. */
export function junitReport(name: string): TestReport {
  return parseJUnit(junitFixture(name), `reports/${name}`);
}
