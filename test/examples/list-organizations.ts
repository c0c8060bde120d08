// The program of the README's "Using the core library", verbatim (test/contract/readme-example.test.ts runs it).
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Mem0Client } from "effect-mem0"

const program = Effect.gen(function* () {
  const mem0 = yield* Mem0Client.Mem0Client
  const orgs = yield* mem0.listOrganizations()
  for (const org of orgs) console.log(`${org.org_id}  ${org.name}  ${org.user_role ?? ""}`)
}).pipe(
  Effect.catchTags({
    Mem0Unauthorized: () => Effect.logError("The API key was rejected."),
    Mem0RateLimited: (e) => Effect.logWarning(e.message)
  })
)

// MEM0_API_KEY (required) and MEM0_BASE_URL (default https://api.mem0.ai) are read through Effect Config.
const Mem0Live = Mem0Client.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))

Effect.runPromise(Effect.provide(program, Mem0Live)).catch((error) => {
  console.error(String(error)) // e.g. MEM0_API_KEY is not set
  process.exitCode = 1
})
