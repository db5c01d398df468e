/**
 * Cloud Functions run with TZ=UTC. date-fns-tz's zoned-time conversions can depend on the
 * process's own zone in DST edge cases, so the tests run in the zone production runs in.
 */
module.exports = async () => {
  process.env.TZ = "UTC";
};
