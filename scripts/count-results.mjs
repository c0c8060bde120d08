// Prints "PASSED FAILED" from a vitest (or Jest-style) JSON report.
import { readFileSync } from "node:fs"

const report = JSON.parse(readFileSync(process.argv[2], "utf8"))
const passed = report.numPassedTests ?? 0
const failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0)
console.log(`${passed} ${failed}`)
