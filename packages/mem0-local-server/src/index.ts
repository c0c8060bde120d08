/**
 * mem0-local-server: a Mem0-compatible Organizations and Members API on
 * 127.0.0.1 with fault injection, for demos, tests and benchmarks.
 */
export { DEMO_KEY, demo, Fixture, GENERATED_KEY, generate } from "./Fixture.js"
export { drift, type DriftVariant, type Fault, FaultBook, type FaultRule, type Held, type HoldMatch } from "./Faults.js"
export {
  layer,
  type LocalServer,
  type LocalServerOptions,
  type LoggedRequest,
  MAX_BODY_BYTES,
  Mem0LocalServer,
  startLocalServer
} from "./Server.js"
export { type Reply, type Shape, Store } from "./Store.js"
