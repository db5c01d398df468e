/** What the benchmark parts share to report: medians and seconds. */

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const seconds = (value, digits = 2) => `${value.toFixed(digits)} s`;
const range = (values) => `${seconds(Math.min(...values), 3)}–${seconds(Math.max(...values), 3)}`;

module.exports = { median, range, seconds };
