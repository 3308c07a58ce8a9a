import type { SchemaNode } from './contract-schema';
import {
  readDeclarations,
  type EnumDecl,
  type SourceDecls,
  type StructDecl,
  type TypeDecl,
  type TypeExpr,
} from './swift-declarations';

/**
 * Reads an `ActivityAttributes` declaration pasted from Swift source into the shapes its
 * synthesized `Codable` conformance reads: the `ContentState` (what `content-state` must be) and
 * the attributes themselves (what a push-to-start's `attributes` must be).
 */
export interface ParsedActivity {
  /** The struct's name: what `attributes-type` must say. */
  attributesType: string;
  line: number;
  contentState: SchemaNode;
  attributes: SchemaNode;
}

export interface SwiftProblem {
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface SwiftParseResult {
  activities: ParsedActivity[];
  problems: SwiftProblem[];
}

const INTEGER_RANGES: Record<string, [number, number]> = {
  Int: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  Int8: [-128, 127],
  Int16: [-32768, 32767],
  Int32: [-2147483648, 2147483647],
  Int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  UInt: [0, Number.MAX_SAFE_INTEGER],
  UInt8: [0, 255],
  UInt16: [0, 65535],
  UInt32: [0, 4294967295],
  UInt64: [0, Number.MAX_SAFE_INTEGER],
};
const NUMBERS = new Set(['Double', 'Float', 'CGFloat', 'Float32', 'Float64', 'Float80', 'TimeInterval', 'Decimal']);
const STRINGS = new Set(['String', 'Character', 'Substring']);

export function parseActivityAttributes(source: string): SwiftParseResult {
  const decls = readDeclarations(source);
  const problems: SwiftProblem[] = decls.problems.map((p) => ({ ...p, severity: 'error' }));
  const builder = new SchemaBuilder(decls, problems);
  const activities: ParsedActivity[] = [];
  for (const decl of decls.all) {
    if (decl.kind !== 'struct' || !decl.inherits.includes('ActivityAttributes')) continue;
    const state = builder.resolveName('ContentState', decl, decl.line);
    if (!state) {
      problems.push({
        line: decl.line,
        severity: 'error',
        message: `${decl.name} conforms to ActivityAttributes but declares no ContentState (a nested struct ContentState: Codable, Hashable)`,
      });
      continue;
    }
    activities.push({
      attributesType: decl.name,
      line: decl.line,
      contentState: builder.fromDecl(state, `${decl.name}.ContentState`),
      attributes: builder.fromDecl(decl, decl.name),
    });
  }
  if (activities.length === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push({
      line: 1,
      severity: 'error',
      message:
        'No struct conforming to ActivityAttributes was found; paste the declaration that says ": ActivityAttributes"',
    });
  }
  return { activities, problems };
}

class SchemaBuilder {
  readonly #decls: SourceDecls;
  readonly #problems: SwiftProblem[];
  /** Types being built, so a recursive type is reported instead of looping. */
  readonly #building = new Set<TypeDecl>();

  constructor(decls: SourceDecls, problems: SwiftProblem[]) {
    this.#decls = decls;
    this.#problems = problems;
  }

  #problem(line: number, message: string, severity: SwiftProblem['severity'] = 'error'): void {
    if (!this.#problems.some((p) => p.line === line && p.message === message))
      this.#problems.push({ line, severity, message });
  }

  /** A type name as Swift resolves it: nested types and aliases outward, then the file's top level. */
  resolveName(name: string, scope: TypeDecl | null, line: number, seen = 0): TypeDecl | null {
    const [head, ...rest] = name.split('.');
    let found: TypeDecl | null = null;
    for (let s = scope; s && !found; s = s.parent) {
      found = s.nested.get(head!) ?? null;
      const alias = s.aliases.get(head!);
      if (!found && alias && alias.kind === 'named' && seen < 8)
        found = this.resolveName(alias.name, s, line, seen + 1);
    }
    if (!found) found = this.#decls.top.get(head!) ?? null;
    const topAlias = this.#decls.aliases.get(head!);
    if (!found && topAlias?.kind === 'named' && seen < 8) found = this.resolveName(topAlias.name, null, line, seen + 1);
    for (const part of rest) found = found?.nested.get(part) ?? null;
    return found;
  }

  fromDecl(decl: TypeDecl, label: string): SchemaNode {
    if (decl.kind === 'enum') return this.#fromEnum(decl);
    if (this.#building.has(decl)) {
      this.#problem(decl.line, `${label} contains itself; a recursive type cannot be checked here`);
      return { 'x-swift': decl.name };
    }
    this.#building.add(decl);
    try {
      return this.#fromStruct(decl);
    } finally {
      this.#building.delete(decl);
    }
  }

  #fromStruct(decl: StructDecl): SchemaNode {
    const codingKeys = decl.nested.get('CodingKeys');
    const keys = codingKeys?.kind === 'enum' ? codingKeys : null;
    const properties: Record<string, SchemaNode> = {};
    const required: string[] = [];
    for (const prop of decl.properties) {
      // A `let` with a value is never decoded (Swift warns that it will not be).
      if (prop.isLet && prop.hasDefault) continue;
      let key = prop.name;
      if (keys) {
        const entry = keys.cases.find((c) => c.name === prop.name);
        if (!entry) continue;
        if (typeof entry.raw === 'string') key = entry.raw;
      }
      let node: SchemaNode;
      if (prop.type) node = this.fromType(prop.type, decl);
      else if (prop.inferred)
        node = this.fromType({ kind: 'named', name: prop.inferred, args: [], line: prop.line }, decl);
      else {
        this.#problem(
          prop.line,
          `${decl.name}.${prop.name} has no written type and its default does not say one; add ": Type"`,
        );
        node = {};
      }
      properties[key] = node;
      if (!node.nullable) required.push(key);
    }
    const node: SchemaNode = { type: 'object', 'x-swift': decl.name, properties, required };
    if (decl.customDecoder) {
      node['x-custom-decoder'] = true;
      this.#problem(
        decl.line,
        `${decl.name} has its own init(from:); the keys below are what it would read if synthesized, so check any value it decodes differently (a Date read as a Double, say)`,
        'warning',
      );
    }
    return node;
  }

  #fromEnum(decl: EnumDecl): SchemaNode {
    const raw = decl.inherits[0] ?? '';
    const withValues = decl.cases.some((c) => c.associated);
    if (withValues) {
      const bad = decl.cases.find((c) => c.associated)!;
      this.#problem(bad.line, `${decl.name}.${bad.name} has associated values; their JSON shape is not checked here`);
      return { 'x-swift': decl.name };
    }
    const names = decl.cases.map((c) => c.name);
    if (STRINGS.has(raw)) return { type: 'string', 'x-swift': decl.name, enum: decl.cases.map((c) => c.raw ?? c.name) };
    if (raw in INTEGER_RANGES || NUMBERS.has(raw)) {
      let next = 0;
      const values = decl.cases.map((c) => {
        const value = typeof c.raw === 'number' ? c.raw : next;
        next = value + 1;
        return value;
      });
      return { type: raw in INTEGER_RANGES ? 'integer' : 'number', 'x-swift': decl.name, enum: values };
    }
    // No raw type: Swift 5.5's synthesized Codable writes {"caseName": {}}.
    return { type: 'object', 'x-swift': decl.name, 'x-cases': names };
  }

  fromType(type: TypeExpr, scope: TypeDecl): SchemaNode {
    const swift = typeText(type);
    switch (type.kind) {
      case 'optional': {
        const inner = this.fromType(type.of, scope);
        return { ...inner, 'x-swift': swift, nullable: true };
      }
      case 'array':
        return { type: 'array', 'x-swift': swift, items: this.fromType(type.of, scope) };
      case 'dictionary':
        return this.#dictionary(type.key, type.value, swift, scope, type.line);
      case 'unsupported':
        this.#problem(type.line, `${type.text} is a tuple or function type, which Codable cannot encode`);
        return { 'x-swift': swift };
      case 'named':
        return this.#named(type, swift, scope);
    }
  }

  #dictionary(key: TypeExpr, value: TypeExpr, swift: string, scope: TypeDecl, line: number): SchemaNode {
    const keyName = key.kind === 'named' ? key.name : '';
    const keyDecl = keyName ? this.resolveName(keyName, scope, line) : null;
    const keyed =
      keyName === 'String' ||
      keyName in INTEGER_RANGES ||
      (keyDecl?.kind === 'enum' && keyDecl.inherits[0] === 'String');
    if (!keyed) {
      this.#problem(
        line,
        `${swift}: only String, Int or String-enum keys encode as a JSON object; other keys become a flat array`,
      );
      return { type: 'array', 'x-swift': swift };
    }
    return { type: 'object', 'x-swift': swift, additionalProperties: this.fromType(value, scope) };
  }

  #named(type: Extract<TypeExpr, { kind: 'named' }>, swift: string, scope: TypeDecl): SchemaNode {
    const name = type.name.replace(/^(Swift|Foundation|CoreGraphics)\./, '');
    const [arg0, arg1] = type.args;
    if (name === 'Optional' && arg0) return { ...this.fromType(arg0, scope), 'x-swift': swift, nullable: true };
    if ((name === 'Array' || name === 'Set' || name === 'ContiguousArray') && arg0)
      return { type: 'array', 'x-swift': swift, items: this.fromType(arg0, scope) };
    if (name === 'Dictionary' && arg0 && arg1) return this.#dictionary(arg0, arg1, swift, scope, type.line);
    if ((name === 'ClosedRange' || name === 'Range') && arg0) {
      const bound = this.fromType(arg0, scope);
      return { type: 'array', 'x-swift': swift, prefixItems: [bound, bound] };
    }
    if (name in INTEGER_RANGES) {
      const [minimum, maximum] = INTEGER_RANGES[name]!;
      return { type: 'integer', 'x-swift': swift, minimum, maximum };
    }
    if (NUMBERS.has(name)) return { type: 'number', 'x-swift': swift };
    if (STRINGS.has(name)) return { type: 'string', 'x-swift': swift };
    if (name === 'Bool') return { type: 'boolean', 'x-swift': swift };
    if (name === 'Date') return { 'x-swift': swift, format: 'swift-date' };
    if (name === 'URL') return { type: 'string', 'x-swift': swift, format: 'uri' };
    if (name === 'UUID') return { type: 'string', 'x-swift': swift, format: 'uuid' };
    if (name === 'Data') return { type: 'string', 'x-swift': swift, format: 'base64' };
    const decl = this.resolveName(name, scope, type.line);
    if (decl) return this.fromDecl(decl, name);
    this.#problem(
      type.line,
      `${name} is not declared in the pasted source; paste its declaration too, or describe it in the JSON Schema`,
    );
    return { 'x-swift': swift };
  }
}

/** The Swift spelling of a type, for messages: `[String: Int]?`, `ClosedRange<Date>`. */
export function typeText(type: TypeExpr): string {
  switch (type.kind) {
    case 'optional':
      return `${typeText(type.of)}?`;
    case 'array':
      return `[${typeText(type.of)}]`;
    case 'dictionary':
      return `[${typeText(type.key)}: ${typeText(type.value)}]`;
    case 'unsupported':
      return type.text;
    case 'named':
      return type.args.length ? `${type.name}<${type.args.map(typeText).join(', ')}>` : type.name;
  }
}
