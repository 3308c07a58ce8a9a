import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../support/serve';

/**
 * Scanners (electronegativity) read the literal passed to `new BrowserWindow(...)`; options built
 * by a helper look to them like no hardening at all. This holds every window in main/electron to
 * the rule they check: a literal `webPreferences` with the isolation flags written out.
 */
const ELECTRON_DIR = join(ROOT, 'main', 'electron');
const REQUIRED: Record<string, ts.SyntaxKind> = {
  contextIsolation: ts.SyntaxKind.TrueKeyword,
  sandbox: ts.SyntaxKind.TrueKeyword,
  nodeIntegration: ts.SyntaxKind.FalseKeyword,
};

interface Construction {
  file: string;
  line: number;
  problems: string[];
}

function propertyName(property: ts.ObjectLiteralElementLike): string | null {
  if (!property.name) return null;
  if (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) return property.name.text;
  return null;
}

function literalProperty(object: ts.ObjectLiteralExpression, name: string): ts.Expression | null {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyName(property) === name) return property.initializer;
  }
  return null;
}

function check(options: ts.Expression | undefined): string[] {
  if (!options || !ts.isObjectLiteralExpression(options)) return ['its options are not an object literal'];
  const problems: string[] = [];
  const prefsIndex = options.properties.findIndex((p) => propertyName(p) === 'webPreferences');
  // A spread after webPreferences could replace it where no scanner looks.
  if (options.properties.some((p, i) => ts.isSpreadAssignment(p) && i > prefsIndex)) {
    problems.push('a spread follows webPreferences');
  }
  const prefs = literalProperty(options, 'webPreferences');
  if (!prefs || !ts.isObjectLiteralExpression(prefs)) return [...problems, 'webPreferences is not an object literal'];
  if (prefs.properties.some((p) => ts.isSpreadAssignment(p) || ts.isShorthandPropertyAssignment(p))) {
    problems.push('webPreferences has a spread or shorthand property');
  }
  for (const [name, kind] of Object.entries(REQUIRED)) {
    if (literalProperty(prefs, name)?.kind !== kind) {
      problems.push(`${name} is not ${kind === ts.SyntaxKind.TrueKeyword ? 'true' : 'false'}`);
    }
  }
  if (literalProperty(prefs, 'webSecurity')?.kind === ts.SyntaxKind.FalseKeyword) problems.push('webSecurity is false');
  return problems;
}

function constructions(): Construction[] {
  const found: Construction[] = [];
  for (const name of readdirSync(ELECTRON_DIR).filter((file) => file.endsWith('.ts'))) {
    const path = join(ELECTRON_DIR, name);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        (node.expression.text === 'BrowserWindow' || node.expression.text === 'BrowserView')
      ) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push({ file: name, line, problems: check(node.arguments?.[0]) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('every BrowserWindow in main/electron', () => {
  const all = constructions();

  it('is constructed somewhere the check can see', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it('gets a literal webPreferences with contextIsolation, sandbox, no nodeIntegration and webSecurity on', () => {
    expect(all.filter((one) => one.problems.length > 0)).toEqual([]);
  });
});
