/**
 * `npm run bench`: ratios, each against a baseline measured in the same run. No thresholds;
 * it reports, it does not judge.
 *
 * 1. Cold start: median time to require the compiled entry point (lib/index.js) in a fresh
 *    `node` process, against requiring firebase-functions + firebase-admin alone.
 * 2. Task write → SMS (bench/taskSms.js): in the Functions emulator, median time from writing
 *    `tasks/{id}` to the stand-in Twilio receiving the send, and the first (cold) run, against
 *    two bare triggers of the "bench" codebase (bench/baseline): one that sends a document
 *    through the Twilio SDK to the stand-in, one that copies a document to another; and what
 *    each message cost in the backend: invocations, Firestore calls, transactions.
 * 3. Task burst (bench/taskBurst.js): 500 task writes in one batch until the last message at the
 *    stand-in, against 500 documents in one batch sent by the SDK floor of part 2; the counts.
 * 4. Scheduled jobs (bench/jobs.js): median run time of the overdue sweep and of the 09:00
 *    reminders over 20,000 stored tasks against 1,000, the same 100 due in both.
 * 5. Campaign (bench/campaign.js): a 2,000-recipient campaign from executeCampaign to the last
 *    message at the stand-in Twilio, against 2,000 documents sent by a bare trigger.
 * 6. Campaign, 10,000 recipients (`campaign-10k`): the same at 10,000 against its floor. Opt-in,
 *    as it takes several minutes: `npm run bench -- campaign-10k`.
 * 7. Reconciliation (bench/reconcile.js): median run time of the `reconcile` job over 20,000
 *    stored messages against 1,000, the same 100 due for a check in both.
 * 8. Cost report (bench/costReport.js): getCostReport over 20,000 messages against 1,000: the
 *    reads per report (the same at both sizes) and the time.
 *
 * The counts per message (parts 2, 3, 5, 6) are made inside the backend's function workers by
 * bench/countCalls.js, which bench/callCounts.js turns on for the run; how, is said there.
 *
 * Parts 2 to 8 need the emulators with bench/firebase.json (both codebases), which
 * `npm run bench` starts; run alone, this script does part 1 and says why it skips the others.
 *
 * bench/firebase.json has no "firestore" block: firebase-tools takes the config file's folder as
 * the project directory and refuses rules or index files outside it ("../firestore.rules is
 * outside of project directory"), while a functions "source" of ".." is accepted. Without rules
 * the Firestore emulator allows everything, which changes nothing here: the bench and the
 * functions use the Admin SDK, which bypasses rules.
 *
 * The Functions emulator watches the whole repository (the default codebase's source): a build
 * or an edit during the run reloads the backend's functions and makes the next run cold again.
 */
const { startCallCounts } = require("./callCounts");
const { campaignBench } = require("./campaign");
const { coldStart } = require("./coldStart");
const { jobsBench } = require("./jobs");
const { reconcileBench } = require("./reconcile");
const { costReportBench } = require("./costReport");
const { taskBurstBench } = require("./taskBurst");
const { taskToSms } = require("./taskSms");

/** Each part gets the backend's call counts (bench/callCounts.js); most ignore them. */
const PARTS = {
  "cold-start": async () => coldStart(),
  "task-sms": taskToSms,
  "task-burst": taskBurstBench,
  jobs: jobsBench,
  campaign: campaignBench(2_000),
  "campaign-10k": campaignBench(10_000),
  reconcile: reconcileBench,
  "cost-report": costReportBench,
};
/** Run only when named. */
const OPT_IN = new Set(["campaign-10k"]);

/** `npm run bench` runs every part but the opt-in ones; `npm run bench -- campaign jobs` those named. */
async function main() {
  const named = process.argv.slice(2);
  const unknown = named.filter((name) => !(name in PARTS));
  if (unknown.length > 0) {
    throw new Error(
      `unknown part ${unknown.join(", ")}; the parts: ${Object.keys(PARTS).join(", ")}`,
    );
  }
  // Before the first event of the run: the workers read it when they start.
  const calls = process.env.FIRESTORE_EMULATOR_HOST ? startCallCounts() : undefined;
  const lines = [];
  try {
    for (const [name, part] of Object.entries(PARTS)) {
      if (named.length > 0 ? !named.includes(name) : OPT_IN.has(name)) continue;
      const partLines = await part(calls);
      process.stderr.write(`bench: ${partLines[0]}\n`);
      lines.push(...partLines);
    }
  } finally {
    calls?.stop();
  }
  // Together at the end: the emulators' own output interleaves with anything printed earlier.
  console.log(["", "── bench ──", ...lines, ""].join("\n"));
  // The Admin SDK keeps gRPC channels open; the results are out, so do not wait for them.
  process.exit(0);
}

main().catch((error) => {
  console.error(`bench: ${error.stack || error.message}`);
  process.exit(1);
});
