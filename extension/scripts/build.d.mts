import type { BuildOptions } from "esbuild"

/** The esbuild settings of the extension bundle, shared with the benchmark's floor bundle. */
export declare const bundleOptions: BuildOptions
