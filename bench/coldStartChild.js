/**
 * One cold-start sample, run in a fresh `node` process by bench/run.js:
 *   node bench/coldStartChild.js entry      require("./lib/index.js")
 *   node bench/coldStartChild.js baseline   require("firebase-functions") + require("firebase-admin")
 * Prints JSON: the seconds the require(s) took, and whether the provider SDKs got loaded.
 */
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const mode = process.argv[2];
if (mode !== "entry" && mode !== "baseline") {
  console.error("usage: node bench/coldStartChild.js entry|baseline");
  process.exit(2);
}

const start = process.hrtime.bigint();
if (mode === "entry") {
  require(path.join(ROOT, "lib", "index.js"));
} else {
  require("firebase-functions");
  require("firebase-admin");
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;

const loaded = Object.keys(require.cache);
const inPackage = (name) => {
  const marker = `${path.sep}node_modules${path.sep}${name.split("/").join(path.sep)}${path.sep}`;
  return loaded.some((file) => file.includes(marker));
};

process.stdout.write(
  JSON.stringify({
    seconds,
    modules: loaded.length,
    twilio: inPackage("twilio"),
    sns: inPackage("@aws-sdk/client-sns"),
  }),
  () => process.exit(0),
);
