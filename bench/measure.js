/** What the benchmark parts share to measure and report: medians, seconds, sizes, quiet runs. */

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const seconds = (value, digits = 2) => `${value.toFixed(digits)} s`;
const range = (values) => `${seconds(Math.min(...values), 3)}–${seconds(Math.max(...values), 3)}`;

const size = (n) => `${n / 1000}k`;

/** Runs `work` with stdout muted (the backend's info logs); stderr still shows. */
async function withStdoutMuted(work) {
  const write = process.stdout.write;
  process.stdout.write = (_chunk, encoding, callback) => {
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") done();
    return true;
  };
  try {
    return await work();
  } finally {
    process.stdout.write = write;
  }
}

module.exports = { median, range, seconds, size, withStdoutMuted };
