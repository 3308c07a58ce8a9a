import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { missingCommand } from './system';

/** The JUnit schema the runner's XML must meet (see the file's own note on where its shape is from). */
export const JUNIT_XSD = join(import.meta.dirname, '../fixtures/junit/junit.xsd');

/** Why JUnit files cannot be validated here, or null. */
export function missingXmllint(): string | null {
  return missingCommand('xmllint', 'libxml2-utils');
}

/** xmllint's verdict on a JUnit file: `valid` and what it said. */
export async function validateJunit(file: string): Promise<{ valid: boolean; said: string }> {
  try {
    const { stderr } = await promisify(execFile)('xmllint', ['--noout', '--schema', JUNIT_XSD, file]);
    return { valid: true, said: stderr };
  } catch (error) {
    return { valid: false, said: String((error as { stderr?: string }).stderr ?? error) };
  }
}

/** Writes `xml` into `dir` and validates it. */
export async function validateJunitText(dir: string, xml: string): Promise<{ valid: boolean; said: string }> {
  const file = join(dir, `junit-${Math.random().toString(36).slice(2)}.xml`);
  await writeFile(file, xml);
  return validateJunit(file);
}
