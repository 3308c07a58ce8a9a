import { describe, expect, it } from 'vitest';
import { parseActivityAttributes } from '../../../../shared/live-activity/swift-attributes';

const parse = (source: string) => parseActivityAttributes(source);
const only = (source: string) => {
  const result = parse(source);
  expect(result.activities).toHaveLength(1);
  return result.activities[0]!;
};

describe('parseActivityAttributes', () => {
  it('reads every integer width with its range, floats, Bool, URL and Data', () => {
    const a = only(`
      struct A: ActivityAttributes {
        struct ContentState: Codable, Hashable {
          var small: Int8
          var count: UInt
          var big: Int64
          var ratio: Float
          var width: CGFloat
          var done: Bool
          var link: URL
          var blob: Data
        }
      }`);
    const p = a.contentState.properties!;
    expect(p['small']).toMatchObject({ type: 'integer', minimum: -128, maximum: 127 });
    expect(p['count']).toMatchObject({ type: 'integer', minimum: 0 });
    expect(p['big']).toMatchObject({ type: 'integer' });
    expect(p['ratio']).toMatchObject({ type: 'number' });
    expect(p['width']).toMatchObject({ type: 'number', 'x-swift': 'CGFloat' });
    expect(p['done']).toMatchObject({ type: 'boolean' });
    expect(p['link']).toMatchObject({ type: 'string', format: 'uri' });
    expect(p['blob']).toMatchObject({ type: 'string', format: 'base64' });
  });

  it('reads optionals both ways, arrays, dictionaries and Optional of collections', () => {
    const p = only(`
      struct A: ActivityAttributes {
        public struct ContentState: Codable, Hashable {
          var a: Optional<String>
          var b: [Int]?
          var c: [String: [Double]]
          var d: Array<Bool>
          var e: Dictionary<String, Int>
        }
      }`).contentState;
    expect(p.required).toEqual(['c', 'd', 'e']);
    expect(p.properties!['a']).toMatchObject({ type: 'string', nullable: true, 'x-swift': 'Optional<String>' });
    expect(p.properties!['b']).toMatchObject({ type: 'array', nullable: true, items: { type: 'integer' } });
    expect(p.properties!['c']).toMatchObject({
      type: 'object',
      additionalProperties: { type: 'array', items: { type: 'number' } },
    });
    expect(p.properties!['d']).toMatchObject({ type: 'array', items: { type: 'boolean' } });
    expect(p.properties!['e']).toMatchObject({ type: 'object', additionalProperties: { type: 'integer' } });
  });

  it('reads enums with String and Int raw values, counting Int cases on from the last given one', () => {
    const p = only(`
      struct A: ActivityAttributes {
        enum Phase: String, Codable { case a, b = "bee"
          case c }
        enum Level: Int, Codable { case low = 1, mid, high = 10, max }
        struct ContentState: Codable, Hashable { var phase: Phase; var level: Level }
      }`).contentState.properties!;
    expect(p['phase']).toMatchObject({ type: 'string', enum: ['a', 'bee', 'c'], 'x-swift': 'Phase' });
    expect(p['level']).toMatchObject({ type: 'integer', enum: [1, 2, 10, 11] });
  });

  it('honours CodingKeys: renamed keys, and properties left out of them are not decoded', () => {
    const a = only(`
      struct A: ActivityAttributes {
        struct ContentState: Codable, Hashable {
          var etaDate: Date
          var cached: String = ""
          enum CodingKeys: String, CodingKey { case etaDate = "eta_date" }
        }
      }`);
    expect(Object.keys(a.contentState.properties!)).toEqual(['eta_date']);
    expect(a.contentState.properties!['eta_date']).toMatchObject({ format: 'swift-date', 'x-swift': 'Date' });
  });

  it('ignores computed properties, statics, functions, initialisers, let with a value; keeps var with a default and observers', () => {
    const a = only(`
      import ActivityKit
      @available(iOS 16.1, *)
      public struct A: ActivityAttributes {
        public struct ContentState: Codable, Hashable {
          public var total: Int = 0 // still decoded: a var's default does not make the key optional
          let kind = "fixed"
          var watched: Int { didSet { print("{") } }
          var label: String { "\\(total) items" }
          var other: Int { get { 1 } set { } }
          static let shared = ContentState()
          private(set) var note: String?
          func describe() -> String { "}" }
          init(total: Int) { self.total = total }
        }
        /* a block /* nested */ comment with struct B: ActivityAttributes { } */
        var name: String
        var id = UUID()
        var createdAt = Date()
      }`);
    expect(Object.keys(a.contentState.properties!)).toEqual(['total', 'watched', 'note']);
    expect(a.contentState.required).toEqual(['total', 'watched']);
    expect(a.attributes.properties!['id']).toMatchObject({ type: 'string', format: 'uuid' });
    expect(a.attributes.properties!['createdAt']).toMatchObject({ format: 'swift-date' });
  });

  it('finds a ContentState declared through a typealias, in an extension, or nested types of the attributes', () => {
    const viaAlias = only(`
      struct A: ActivityAttributes {
        typealias ContentState = Status
        struct Status: Codable, Hashable { var step: Step }
        struct Step: Codable, Hashable { var n: Int }
      }`);
    expect(viaAlias.contentState.properties!['step']).toMatchObject({
      type: 'object',
      properties: { n: { type: 'integer' } },
    });
    const viaExtension = only(`
      struct B: ActivityAttributes { var name: String }
      extension B { struct ContentState: Codable, Hashable { var value: Double } }`);
    expect(viaExtension.contentState.properties!['value']).toMatchObject({ type: 'number' });
  });

  it('reads several attributes types in one source, ClosedRange<Date> as a pair', () => {
    const result = parse(`
      struct One: ActivityAttributes { struct ContentState: Codable, Hashable { var range: ClosedRange<Date> } }
      struct Two: ActivityAttributes { struct ContentState: Codable, Hashable { var n: Int } }`);
    expect(result.activities.map((a) => a.attributesType)).toEqual(['One', 'Two']);
    expect(result.activities[0]!.contentState.properties!['range']).toMatchObject({
      type: 'array',
      prefixItems: [{ format: 'swift-date' }, { format: 'swift-date' }],
    });
  });

  it('says in words, with the line, what it cannot read', () => {
    const result = parse(`struct A: ActivityAttributes {
  struct ContentState: Codable, Hashable {
    var status: SyncUIStatus
    var pair: (Int, Int)
    var mode: Mode
    var guess = makeIt()
  }
  enum Mode: Codable { case on(Int), off }
}`);
    expect(result.problems).toEqual([
      {
        line: 3,
        severity: 'error',
        message:
          'SyncUIStatus is not declared in the pasted source; paste its declaration too, or describe it in the JSON Schema',
      },
      { line: 4, severity: 'error', message: '(Int,Int) is a tuple or function type, which Codable cannot encode' },
      { line: 8, severity: 'error', message: 'Mode.on has associated values; their JSON shape is not checked here' },
      {
        line: 6,
        severity: 'error',
        message: 'ContentState.guess has no written type and its default does not say one; add ": Type"',
      },
    ]);
    // What could not be read accepts anything rather than inventing a shape.
    expect(result.activities[0]!.contentState.properties!['status']).toEqual({ 'x-swift': 'SyncUIStatus' });
  });

  it('says when there is no ActivityAttributes, no ContentState, or an unclosed comment', () => {
    expect(parse('struct Plain: Codable { var a: Int }').problems).toEqual([
      expect.objectContaining({
        line: 1,
        message: expect.stringContaining('No struct conforming to ActivityAttributes'),
      }),
    ]);
    expect(parse('\nstruct A: ActivityAttributes { var a: Int }').problems).toEqual([
      expect.objectContaining({
        line: 2,
        message: expect.stringContaining('A conforms to ActivityAttributes but declares no ContentState'),
      }),
    ]);
    expect(parse('struct A: ActivityAttributes {\n /* never closed\n}').problems[0]).toEqual({
      line: 2,
      severity: 'error',
      message: 'a /* comment is never closed',
    });
  });

  it('reports a type that contains itself instead of looping', () => {
    const result = parse(`struct A: ActivityAttributes {
      struct ContentState: Codable, Hashable { var node: Node }
      struct Node: Codable, Hashable { var children: [Node] }
    }`);
    expect(result.problems.map((p) => p.message)).toContain(
      'Node contains itself; a recursive type cannot be checked here',
    );
  });
});
