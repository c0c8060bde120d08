/**
 * What the repository's benchmarks need of the extension, exported as
 * `mem0-organizations/testing` so nothing reaches into this package by a
 * relative path: the tree's layers and a fake VS Code to run them on.
 */
export { ApiKey, SECRET_KEY } from "../../src/model/ApiKey.js"
export { KeyClients } from "../../src/model/KeyClients.js"
export { MEMBER_CONCURRENCY, Mem0Data } from "../../src/model/Mem0Data.js"
export { OrganizationsTree } from "../../src/tree/OrganizationsTree.js"
export { makeFakeVsCode } from "./fakeVsCode.js"
export { exportTo, memoriesOf, memoryLine } from "../../src/model/Export.js"
export type { TreeNode } from "../../src/tree/Rows.js"
