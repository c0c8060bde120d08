/**
 * Drift-tolerant decoding of the models (`Organization.ts`, `Project.ts`).
 */
import * as DateTime from "effect/DateTime"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import { reportDrift } from "./drift.js"

/*
 * How drift is tolerated, cheaply: each model is a Schema.Class whose optional
 * fields are plain `optional(X)`. It is decoded from the wire by one
 * transformation from `unknown`: the required fields are decoded by their own
 * schemas (a failure is a parse issue at that field), and each optional field
 * is checked on its own, kept when it matches, and otherwise read as absent
 * with the drift reported (`internal/drift.ts`). `null` counts as absent
 * without being drift. Unknown fields are ignored.
 *
 * The optional checks are exact but fast: `typeof` for strings, numbers and
 * booleans, `Number.isSafeInteger` for `Schema.Int`, `DateTime.unsafeMake` for
 * `Schema.DateTimeUtc`, a loop for an array of strings and an object test for
 * a record of anything (what those schemas do), `Schema.is` for any other
 * schema without a transformation, and the schema's decoder otherwise.
 */
export type Fields = Record<string, Schema.Schema.All>
export type OptionalFields<F extends Fields> = { readonly [K in keyof F]: Schema.optional<F[K]> }

export const optionalFields = <F extends Fields>(fields: F): OptionalFields<F> =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Schema.optional(v)])) as unknown as OptionalFields<F>

/** What a field check returns for a value that does not match. */
export const INVALID: unique symbol = Symbol("effect-mem0/INVALID")

/** A check of one optional field: the decoded value, or {@link INVALID}. */
export type FieldCheck = (u: unknown) => unknown

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null

/** `Schema.Array(Schema.String)`, as an AST. */
const isArrayOfStrings = (ast: AST.AST) =>
  AST.isTupleType(ast) && ast.elements.length === 0 && ast.rest.length === 1 && ast.rest[0]!.type === AST.stringKeyword

/** `Schema.Record({ key: Schema.String, value: Schema.Unknown })`, as an AST. */
const isJsonObject = (ast: AST.AST) =>
  AST.isTypeLiteral(ast) && ast.propertySignatures.length === 0 && ast.indexSignatures.length === 1 &&
  ast.indexSignatures[0]!.parameter === AST.stringKeyword && ast.indexSignatures[0]!.type === AST.unknownKeyword

const fieldCheck = (schema: Schema.Schema.All): FieldCheck => {
  if (schema === Schema.String) return (u) => (typeof u === "string" ? u : INVALID)
  if (schema === Schema.Boolean) return (u) => (typeof u === "boolean" ? u : INVALID)
  if (schema === Schema.Number) return (u) => (typeof u === "number" ? u : INVALID)
  if (schema === Schema.Int) return (u) => (Number.isSafeInteger(u) ? u : INVALID)
  if (schema === Schema.DateTimeUtc) return dateTimeUtc
  const ast = schema.ast
  // what `Schema.is` decides for these two, without its parser around each value (a memory's categories
  // and metadata: `Schema.is` took half a microsecond per memory for the categories alone)
  if (isArrayOfStrings(ast)) {
    return (u) => {
      if (!Array.isArray(u)) return INVALID
      for (let i = 0; i < u.length; i++) if (typeof u[i] !== "string") return INVALID
      return u
    }
  }
  if (isJsonObject(ast)) return (u) => (isObject(u) && !Array.isArray(u) ? u : INVALID)
  if (AST.typeAST(ast) === ast && AST.encodedAST(ast) === ast) {
    // No transformation anywhere inside: a valid value is its own decoded value.
    const is = Schema.is(schema as Schema.Schema<unknown>)
    return (u) => (is(u) ? u : INVALID)
  }
  const decode = ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>)
  return (u) => {
    const decoded = decode(u)
    return decoded._tag === "Right" ? decoded.right : INVALID
  }
}

/**
 * `Schema.DateTimeUtc`'s decoding of a string (`DateTime.unsafeMake`), or {@link INVALID}. A timestamp that
 * ends in `Z` (what Mem0 sends) is parsed by `Date.parse` and made from its epoch milliseconds, which gives
 * the same `DateTime` and skips the zone test and `Date` round trip `unsafeMake` does on a string (two in
 * every memory: they were a third of decoding a page).
 */
const dateTimeUtc = (u: unknown): unknown => {
  if (typeof u !== "string") return INVALID
  if (u.charCodeAt(u.length - 1) === 90) {
    const millis = Date.parse(u)
    if (Number.isFinite(millis)) return DateTime.unsafeMake(millis)
  }
  try {
    return DateTime.unsafeMake(u)
  } catch {
    return INVALID
  }
}

/** A model's decoding failed: the issue, boxed so a decoded value is never mistaken for it. */
export class WireIssue {
  constructor(readonly issue: ParseResult.ParseIssue) {}
}

/**
 * A model read from the wire without the Schema machinery around each value: the instance, or the
 * {@link WireIssue}. Lists and pages of a model call it in a plain loop (`wireList`, `drfPage`): going through
 * `Schema.Array(model.schema)` cost about as much per element as the element's own fields.
 */
export type WireDecode<A> = (input: unknown) => A | WireIssue

/** A model's wire decoding: its schema, its plain decoder, and the decoder of an embedded (all-optional) one. */
export interface WireModel<A> {
  readonly schema: Schema.Schema<A, unknown>
  readonly decode: WireDecode<A>
  readonly decodeEmbedded: FieldCheck
}

/**
 * A required field's check: the decoded value, or the {@link WireIssue} of a value that does not match.
 * `typeof` for a plain string, otherwise its schema's decoder.
 */
const requiredCheck = (schema: Schema.Schema.All): WireDecode<unknown> => {
  const decode = ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>)
  const viaSchema = (u: unknown) => {
    const decoded = decode(u)
    return decoded._tag === "Right" ? decoded.right : new WireIssue(decoded.left)
  }
  if (schema !== Schema.String) return viaSchema
  return (u) => (typeof u === "string" ? u : viaSchema(u))
}

/**
 * The wire decoding of a model class: `required` fields strictly, each
 * `optional` field on its own (read as absent when `null` or when it does not
 * match, reported as drift at `<name>.<field>`); `overrides` replace the check
 * of some optional fields.
 *
 * The instance is built as the class's constructor builds one with
 * validation off (its `Data` base assigns the props to `this`), field by
 * field on `Object.create(prototype)`: the constructor would first copy the
 * props and walk every field for defaults, and none of these classes has a
 * default. A test checks instances built both ways are equal.
 */
export const tolerantModel = <R extends Fields, O extends Fields, C extends Schema.Schema.AnyNoContext>(
  name: string,
  required: R,
  optional: O,
  model: C & (new(props: never, disableValidation: true) => Schema.Schema.Type<C>),
  overrides: { readonly [K in keyof O]?: FieldCheck } = {},
  /** Another wire name an optional field may come under, when its own is absent (`run_id` ← `session_id`). */
  aliases: { readonly [K in keyof O]?: string } = {}
): WireModel<Schema.Schema.Type<C>> => {
  type T = Schema.Schema.Type<C>
  const prototype = model.prototype as object
  const requiredChecks = Object.entries(required).map(([key, schema]) =>
    [key, requiredCheck(schema), new AST.Type(schema.ast)] as const
  )
  const optionalChecks = Object.entries(optional).map(([key, schema]) =>
    [
      key,
      (overrides as Record<string, FieldCheck | undefined>)[key] ?? fieldCheck(schema),
      `${name}.${key}`,
      (aliases as Record<string, string | undefined>)[key]
    ] as const
  )
  /** Adds the optional fields to an instance whose required fields are set. */
  const build = (wire: Record<string, unknown>, self: Record<string, unknown>): T => {
    for (const [key, check, path, alias] of optionalChecks) {
      const value = wire[key] ?? (alias === undefined ? undefined : wire[alias])
      if (value === null || value === undefined) continue
      const decoded = check(value)
      if (decoded === INVALID) reportDrift(path)
      else self[key] = decoded
    }
    return self as T
  }
  /** The schema's AST, for the issue of a value that is not an object (set once the schema exists). */
  let ast: AST.AST = AST.unknownKeyword
  const decode: WireDecode<T> = (input) => {
    if (!isObject(input) || Array.isArray(input)) {
      return new WireIssue(new ParseResult.Type(ast, input, `expected an object (${name})`))
    }
    const self = Object.create(prototype) as Record<string, unknown>
    for (const [key, check, type] of requiredChecks) {
      const value = input[key]
      if (value === undefined && !(key in input)) {
        return new WireIssue(new ParseResult.Pointer(key, input, new ParseResult.Missing(type)))
      }
      const checked = check(value)
      if (checked instanceof WireIssue) return new WireIssue(new ParseResult.Pointer(key, input, checked.issue))
      self[key] = checked
    }
    return build(input, self)
  }
  const target = Schema.typeSchema(model) as Schema.SchemaClass<T>
  const schema = Schema.transformOrFail(Schema.Unknown, target, {
    strict: false,
    decode: (input) => {
      const decoded = decode(input)
      return decoded instanceof WireIssue ? ParseResult.fail(decoded.issue) : ParseResult.succeed(decoded)
    },
    encode: (value) => ParseResult.succeed({ ...(value as object) })
  })
  ast = schema.ast
  /** Decodes one object of a model without required fields (an embedded model), or INVALID. */
  const decodeEmbedded = (u: unknown): unknown => (isObject(u) ? build(u, Object.create(prototype)) : INVALID)
  return { schema, decode, decodeEmbedded }
}

/**
 * The elements of `list` decoded by `decode` in a plain loop, or the first element's issue (at its index,
 * under `at` when given).
 */
const decodeElements = <A>(
  list: ReadonlyArray<unknown>,
  decode: WireDecode<A>,
  at?: string
): Array<A> | WireIssue => {
  const out: Array<A> = new Array(list.length)
  for (let i = 0; i < list.length; i++) {
    const decoded = decode(list[i])
    if (decoded instanceof WireIssue) {
      return new WireIssue(new ParseResult.Pointer(at === undefined ? i : [at, i], list, decoded.issue))
    }
    out[i] = decoded
  }
  return out
}

/** A JSON array of a model, as a schema (`Schema.Array(model.schema)`, decoded in one loop). */
export const wireList = <A>(model: WireModel<A>): Schema.Schema<ReadonlyArray<A>, unknown> => {
  const type = Schema.Array(Schema.typeSchema(model.schema))
  const schema: Schema.Schema<ReadonlyArray<A>, unknown> = Schema.transformOrFail(Schema.Unknown, type, {
    strict: true,
    decode: (input) => {
      if (!Array.isArray(input)) return ParseResult.fail(new ParseResult.Type(schema.ast, input, "expected an array"))
      const decoded = decodeElements(input, model.decode)
      return decoded instanceof WireIssue ? ParseResult.fail(decoded.issue) : ParseResult.succeed(decoded)
    },
    encode: (list) => ParseResult.succeed(list)
  })
  return schema
}

/**
 * The check of a list of embedded models: each element decoded by `decode`
 * (or kept as it is when `keep` says so); the whole list is absent if one
 * element is neither.
 */
export const embeddedList = (decode: (u: unknown) => unknown, keep: (u: unknown) => boolean = () => false): FieldCheck =>
(u) => {
  if (!Array.isArray(u)) return INVALID
  const out: Array<unknown> = new Array(u.length)
  for (let i = 0; i < u.length; i++) {
    const element: unknown = u[i]
    const decoded = keep(element) ? element : decode(element)
    if (decoded === INVALID) return INVALID
    out[i] = decoded
  }
  return out
}

/**
 * A DRF page as Mem0 sends its lists (`count`, `next`, `previous`, `results`), read as `{ count, results,
 * hasNext }` plus what `more` takes from the rest of the body. `next` only says whether there is a next page:
 * it is an absolute URL and is never followed (pages go by number).
 */
export const drfPage = <A, X extends object>(
  item: WireModel<A>,
  more: (wire: Readonly<Record<string, unknown>>) => X
): Schema.Schema<{ readonly count: number | undefined; readonly results: ReadonlyArray<A>; readonly hasNext: boolean } & X, unknown> => {
  const envelope = Schema.Struct(
    {
      count: Schema.optional(Schema.NullOr(Schema.Number)),
      next: Schema.optional(Schema.NullOr(Schema.Unknown)),
      results: Schema.Array(Schema.Unknown)
    },
    Schema.Record({ key: Schema.String, value: Schema.Unknown })
  )
  type Envelope = typeof envelope.Type
  /** What `envelope` accepts, checked directly: its parser walks every element of `results` (as unknowns). */
  const isEnvelope = (u: unknown): u is Envelope =>
    isObject(u) && !Array.isArray(u) && (u["count"] === undefined || u["count"] === null || typeof u["count"] === "number") &&
    Array.isArray(u["results"])
  /** Anything else goes through `envelope`, for its issue (the same one as before). */
  const decodeEnvelope = ParseResult.decodeUnknownEither(envelope)
  const readPage = (wire: Envelope) => {
    const results = decodeElements(wire.results, item.decode, "results")
    if (results instanceof WireIssue) return ParseResult.fail(results.issue)
    return ParseResult.succeed({
      count: wire.count ?? undefined,
      results,
      hasNext: typeof wire.next === "string" && wire.next !== "",
      ...more(wire)
    })
  }
  return Schema.transformOrFail(Schema.Unknown, Schema.Any, {
    strict: false,
    decode: (input) => {
      if (isEnvelope(input)) return readPage(input)
      const checked = decodeEnvelope(input)
      return checked._tag === "Left" ? ParseResult.fail(checked.left) : readPage(checked.right)
    },
    encode: (page: { readonly count: number | undefined; readonly results: ReadonlyArray<A>; readonly hasNext: boolean }) =>
      ParseResult.succeed({
        count: page.count,
        next: page.hasNext ? "next" : null,
        results: page.results
      })
  }) as unknown as Schema.Schema<{ readonly count: number | undefined; readonly results: ReadonlyArray<A>; readonly hasNext: boolean } & X, unknown>
}
