// @ts-check
import js from "@eslint/js"
import globals from "globals"
import { existsSync } from "node:fs"
import { dirname, resolve } from "node:path"
import tseslint from "typescript-eslint"

/** The folder of the nearest package.json above a path. */
const packageRoot = (path) => {
  let dir = dirname(path)
  while (!existsSync(resolve(dir, "package.json"))) {
    const up = dirname(dir)
    if (up === dir) return dir
    dir = up
  }
  return dir
}

/**
 * `repo/no-cross-package-import`: a relative import (or require, or dynamic
 * import) must stay inside its own package. Another package is reached
 * through its name and its `exports`, so every package keeps one public face.
 */
const noCrossPackageImport = {
  meta: {
    type: "problem",
    schema: [],
    messages: {
      leaves: "\"{{source}}\" leaves the package in {{from}}: import it by package name, through that package's exports."
    }
  },
  create(context) {
    const check = (sourceNode) => {
      const source = sourceNode?.type === "Literal" ? sourceNode.value : undefined
      if (typeof source !== "string" || !source.startsWith(".")) return
      const from = packageRoot(context.filename)
      if (packageRoot(resolve(dirname(context.filename), source)) !== from) {
        context.report({ node: sourceNode, messageId: "leaves", data: { source, from: from.replace(import.meta.dirname, ".") } })
      }
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression: (node) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require") check(node.arguments[0])
      }
    }
  }
}

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/dist/**", "**/.cache/**", "**/*.vsix", "test-results/**", "extension/out/**"]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { repo: { rules: { "no-cross-package-import": noCrossPackageImport } } },
    rules: { "repo/no-cross-package-import": "error" }
  },
  {
    files: ["**/*.ts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-empty-object-type": ["error", { allowObjectTypes: "always" }],
      "no-console": "off"
    }
  },
  {
    // Only the VS Code bridge may import `vscode` at run time; everything else gets Effect services.
    files: ["extension/src/**/*.ts"],
    ignores: ["extension/src/platform/VsCode.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { paths: [{ name: "vscode", message: "Import vscode only in src/platform/VsCode.ts.", allowTypeImports: true }] }
      ]
    }
  },
  {
    files: ["extension/test/integration/**/*.cjs", "test/bench/**/*.cjs"],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
    rules: { "@typescript-eslint/no-require-imports": "off" }
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node }
  }
)
