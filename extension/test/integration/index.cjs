// Mocha entry point loaded by VS Code's Extension Development Host.
const path = require("node:path")
const Mocha = require("mocha")

exports.run = () =>
  new Promise((resolve, reject) => {
    const mocha = new Mocha({ ui: "tdd", timeout: 20000, color: false })
    mocha.addFile(path.join(__dirname, "extension.test.cjs"))
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration tests failed`)) : resolve()))
  })
