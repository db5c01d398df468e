/**
 * Part 1 of `npm run bench` (bench/run.js): the cold-start cost of the entry point against
 * `firebase-functions` + `firebase-admin` alone, each sampled in a fresh process
 * (bench/coldStartChild.js), alternating so machine drift falls on both sides alike.
 */
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { median, seconds } = require("./measure");

const ROOT = path.resolve(__dirname, "..");
const ENTRY = path.join(ROOT, "lib", "index.js");
const COLD_START_RUNS = 9;

function coldStartSample(mode) {
  const child = spawnSync(process.execPath, [path.join(__dirname, "coldStartChild.js"), mode], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (child.status !== 0) {
    throw new Error(`cold-start sample (${mode}) failed: ${child.stderr || child.error}`);
  }
  return JSON.parse(child.stdout);
}

function coldStart() {
  if (!fs.existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` first`);
  // One untimed sample each, so both sides find their files in the OS cache.
  coldStartSample("entry");
  coldStartSample("baseline");
  const entry = [];
  const baseline = [];
  for (let i = 0; i < COLD_START_RUNS; i++) {
    // Alternate the order so drift in machine load falls on both sides alike.
    if (i % 2 === 0) {
      entry.push(coldStartSample("entry"));
      baseline.push(coldStartSample("baseline"));
    } else {
      baseline.push(coldStartSample("baseline"));
      entry.push(coldStartSample("entry"));
    }
  }
  const entryMedian = median(entry.map((s) => s.seconds));
  const baselineMedian = median(baseline.map((s) => s.seconds));
  const providers = [
    entry.some((s) => s.twilio) && "twilio",
    entry.some((s) => s.sns) && "@aws-sdk/client-sns",
  ].filter(Boolean);
  return [
    `cold start   entry ${seconds(entryMedian, 3)}` +
      `   firebase-functions+firebase-admin ${seconds(baselineMedian, 3)}` +
      `   ratio ${(entryMedian / baselineMedian).toFixed(2)} (target ≤ 1.2)` +
      `   twilio/aws loaded: ${providers.length ? `YES (${providers.join(", ")})` : "no"}` +
      `   (n=${COLD_START_RUNS})`,
  ];
}

module.exports = { coldStart };
