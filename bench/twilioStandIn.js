/**
 * A minimal stand-in for Twilio's Messages API, for the benchmark only (the full one, with
 * validation and scripted failures, is test/support/twilioStandIn.ts). It answers every
 * `POST …/Messages.json` with 201 and a queued message, and notes when each request started
 * to arrive, keyed by its `To` number. node:http only; binds 127.0.0.1.
 */
const http = require("node:http");
const { Buffer } = require("node:buffer");
const { URLSearchParams } = require("node:url");
const { randomBytes } = require("node:crypto");
const { performance } = require("node:perf_hooks");
const { clearInterval } = require("node:timers");

const PROGRESS_MS = 5_000;
const MESSAGES = /^\/2010-04-01\/Accounts\/(AC[0-9A-Za-z]+)\/Messages\.json$/;

/**
 * Starts the stand-in on `port`. `arrival(to, timeoutMs)` resolves with the performance.now()
 * at which the first not-yet-claimed request for `to` arrived (waiting for it if need be).
 */
async function startTwilioStandIn(port) {
  /** To → arrival times not yet handed out by arrival(). */
  const arrivals = new Map();
  /** To → resolvers waiting in arrival(). */
  const waiters = new Map();
  let received = 0;

  function record(to, at) {
    received += 1;
    const waiting = waiters.get(to);
    if (waiting && waiting.length > 0) {
      waiting.shift()(at);
      return;
    }
    arrivals.set(to, [...(arrivals.get(to) ?? []), at]);
  }

  const server = http.createServer((req, res) => {
    const at = performance.now();
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0];
      const match = MESSAGES.exec(path);
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      if (req.method !== "POST" || !match || !form.get("To")) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: 20404, message: `Not found: ${path}`, status: 404 }));
        return;
      }
      const to = form.get("To");
      record(to, at);
      const now = new Date().toUTCString().replace("GMT", "+0000");
      const sid = `SM${randomBytes(16).toString("hex")}`;
      res.writeHead(201, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          sid,
          status: "queued",
          account_sid: match[1],
          to,
          from: form.get("From"),
          body: form.get("Body") ?? "",
          date_created: now,
          date_updated: now,
          direction: "outbound-api",
          num_segments: "1",
          price: null,
          price_unit: "USD",
          uri: `/2010-04-01/Accounts/${match[1]}/Messages/${sid}.json`,
        }),
      );
    });
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });

  return {
    get received() {
      return received;
    },
    arrival(to, timeoutMs) {
      const queued = arrivals.get(to);
      if (queued && queued.length > 0) return Promise.resolve(queued.shift());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const list = waiters.get(to) ?? [];
          waiters.set(
            to,
            list.filter((entry) => entry !== done),
          );
          reject(new Error(`the stand-in Twilio received nothing for ${to} in ${timeoutMs} ms`));
        }, timeoutMs);
        const done = (at) => {
          clearTimeout(timer);
          resolve(at);
        };
        waiters.set(to, [...(waiters.get(to) ?? []), done]);
      });
    },
    /**
     * The performance.now() of a request for each of `phones`, sorted; reports progress on
     * stderr every 5 s under `label`.
     */
    async arrivals(phones, timeoutMs, label) {
      let arrived = 0;
      const progress = setInterval(() => {
        process.stderr.write(`bench: ${label}: ${arrived}/${phones.length} at the stand-in\n`);
      }, PROGRESS_MS);
      try {
        const times = await Promise.all(
          phones.map(async (to) => {
            const at = await this.arrival(to, timeoutMs);
            arrived += 1;
            return at;
          }),
        );
        return times.sort((a, b) => a - b);
      } finally {
        clearInterval(progress);
      }
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

module.exports = { startTwilioStandIn };
