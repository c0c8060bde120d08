// The floor of benchmark 4: a minimal program using the same Effect modules as
// the extension's data path (the core's client on the fetch HttpClient, and its
// Schema decoders), bundled with the same esbuild settings. It builds the
// client at activation, as the extension does, and makes no request.
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { Mem0Client, Organization } from "effect-mem0"

export async function activate(): Promise<void> {
  const client = await Effect.runPromise(
    Mem0Client.make({ apiKey: "m0-floor", baseUrl: "http://127.0.0.1:9" }).pipe(Effect.provide(FetchHttpClient.layer))
  )
  Schema.decodeUnknownSync(Organization.OrganizationList)([])
  Schema.decodeUnknownSync(Organization.MembersResponse)({ members: [] })
  void client
}

export async function deactivate(): Promise<void> {}
