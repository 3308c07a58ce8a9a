/**
 * The declarations of a Swift source that matter to `Codable`: structs, enums, their stored
 * properties, nested types, typealiases and CodingKeys. Anything else (functions, computed
 * properties, classes, view code) is skipped over by its braces.
 */
export type TypeExpr =
  | { kind: 'named'; name: string; args: TypeExpr[]; line: number }
  | { kind: 'array'; of: TypeExpr; line: number }
  | { kind: 'dictionary'; key: TypeExpr; value: TypeExpr; line: number }
  | { kind: 'optional'; of: TypeExpr; line: number }
  | { kind: 'unsupported'; text: string; line: number };

export interface PropertyDecl {
  name: string;
  line: number;
  type: TypeExpr | null;
  /** The literal kind of a default with no written type (`var id = UUID()` gives `UUID`). */
  inferred: string | null;
  isLet: boolean;
  hasDefault: boolean;
}

export interface EnumCase {
  name: string;
  line: number;
  raw: string | number | null;
  associated: boolean;
}

interface DeclBase {
  name: string;
  line: number;
  inherits: string[];
  nested: Map<string, TypeDecl>;
  aliases: Map<string, TypeExpr>;
  parent: TypeDecl | null;
}

export interface StructDecl extends DeclBase {
  kind: 'struct';
  properties: PropertyDecl[];
  /** It writes its own `init(from:)`: the synthesized shape may not be what it reads. */
  customDecoder: boolean;
}

export interface EnumDecl extends DeclBase {
  kind: 'enum';
  cases: EnumCase[];
}

export type TypeDecl = StructDecl | EnumDecl;

export interface SourceDecls {
  top: Map<string, TypeDecl>;
  aliases: Map<string, TypeExpr>;
  /** Every struct and enum in source order, nested ones included. */
  all: TypeDecl[];
  problems: Array<{ line: number; message: string }>;
}
