import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "core",
          root: "packages/effect-mem0",
          include: ["test/**/*.test.ts"]
        }
      },
      {
        test: {
          name: "server",
          root: "packages/mem0-local-server",
          include: ["test/**/*.test.ts"]
        }
      },
      {
        test: {
          name: "extension",
          root: "extension",
          include: ["test/unit/**/*.test.ts"]
        }
      },
      {
        test: {
          name: "e2e",
          root: "test",
          include: ["e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000
        }
      },
      {
        test: {
          name: "contract",
          root: "test",
          include: ["contract/**/*.test.ts"],
          testTimeout: 30_000
        }
      },
      {
        test: {
          // the repository's own rules: documentation examples typecheck, lint rules hold
          name: "repo",
          root: "test",
          include: ["repo/**/*.test.ts"],
          testTimeout: 120_000
        }
      },
      {
        test: {
          // packs the packages and installs them from the npm registry into a temporary project: slow, run by `npm test`
          name: "packaging",
          root: "test",
          include: ["packaging/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000
        }
      }
    ]
  }
})
