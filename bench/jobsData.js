/**
 * The jobs bench's datasets (bench/jobs.js): students, their tasks and the tasks' projections,
 * with exactly DUE tasks due for each job whatever the dataset's size.
 */

/** Due for each job, in both datasets. */
const DUE = 100;
/** 09:00 in New York; 23:00 in Tokyo, 17:00 in Istanbul, 14:00 in London, 06:00 in LA. */
const NOW = new Date("2026-11-24T14:00:00Z");
const DUE_ZONE = "America/New_York";
const OTHER_ZONES = ["Asia/Tokyo", "Europe/Istanbul", "Europe/London", "America/Los_Angeles"];
const AREA_CODES = [
  201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217, 218, 219, 224, 225,
  228, 229, 231, 234, 239, 240,
];
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Settings as readSettings() would build them (functions/params.ts). */
const SETTINGS = {
  provider: { mode: "console", twilio: {}, sns: {} },
  publicBaseUrl: "",
  defaultCountry: "US",
  defaultTimeZone: "America/New_York",
  defaultLanguage: "en",
  rateLimitPerHour: 100,
  quietHours: "",
  retentionDays: 90,
  maxAttempts: 5,
  senderRateLimitPerHour: 1000,
  adminRateLimitPerHour: 10000,
  allowedCountries: ["US", "TR"],
  dailySegmentLimit: 100000,
};

/** A fictional US number, +1 <area> 555-01xx, distinct for i < 2,500. */
function phone(i) {
  const area = AREA_CODES[Math.floor(i / 100) % AREA_CODES.length];
  return `+1${area}55501${String(i % 100).padStart(2, "0")}`;
}

/**
 * The documents of one dataset with `total` tasks, as [collection, id, data] triples: users
 * (as the client apps write them), their `sms_recipients` rows (as onUserWritten would), tasks,
 * and the tasks' `sms_open_tasks` and `sms_deadlines` projections (as onTaskWritten would).
 */
function dataset(total, { Timestamp, recipientRow, projectionOf, formatInTimeZone }) {
  const docs = [];
  const others = Math.min(2_000, Math.max(500, Math.round(total / 10)));
  const student = (id, zone, i) => {
    const user = {
      name: `Bench Student ${i}`,
      email: `${id}@example.com`,
      role: "student",
      phone_number: phone(i),
      timezone: zone,
      language: i % 5 === 0 ? "tr" : "en",
      daily_streak: i % 9,
    };
    docs.push(["users", id, user]);
    docs.push([
      "sms_recipients",
      id,
      { ...recipientRow(user, SETTINGS), updatedAt: Timestamp.now() },
    ]);
  };
  const task = (id, assignedTo, i, fields) =>
    docs.push([
      "tasks",
      id,
      {
        title: `Bench task ${i}`,
        subjectId: "math",
        chapterId: `ch${i % 12}`,
        taskType: "chapter",
        completed: false,
        createdAt: new Date(NOW.getTime() - 30 * DAY_MS).toISOString(),
        assignedTo,
        createdBy: "bench-partner",
        ...fields,
      },
    ]);
  const farAhead = (i) => new Date(NOW.getTime() + (60 + (i % 120)) * DAY_MS);
  const longAgo = (i) => new Date(NOW.getTime() - (30 + (i % 120)) * DAY_MS);

  // 100 students at 09:00, each with one pending task (deadline months ahead, or none).
  for (let i = 0; i < DUE; i++) {
    const userId = `bench-nine-${i}`;
    student(userId, DUE_ZONE, 2_000 + i);
    const deadline = [Timestamp.fromDate(farAhead(i)), farAhead(i).toISOString(), undefined][i % 3];
    task(`bench-nine-task-${i}`, userId, i, deadline === undefined ? {} : { deadline });
  }

  const otherIds = Array.from({ length: others }, (_, i) => `bench-other-${i}`);
  otherIds.forEach((id, i) => student(id, OTHER_ZONES[i % OTHER_ZONES.length], i));

  // 100 open tasks whose deadline passed in the last hour, in every form the apps write.
  for (let i = 0; i < DUE; i++) {
    const owner = i % others;
    const zone = OTHER_ZONES[owner % OTHER_ZONES.length];
    const at = new Date(NOW.getTime() - (1 + (i % 55)) * MINUTE_MS);
    const deadline = [
      Timestamp.fromDate(at),
      at.toISOString(),
      formatInTimeZone(at, "+03:00", "yyyy-MM-dd'T'HH:mm:ssXXX"),
      formatInTimeZone(at, zone, "yyyy-MM-dd'T'HH:mm:ss"),
    ][i % 4];
    task(`bench-overdue-${i}`, otherIds[owner], i, { deadline });
  }

  // The rest: nothing due for either job.
  for (let i = 0; i < total - 2 * DUE; i++) {
    const assignedTo = otherIds[i % others];
    const kind = i % 10;
    const when = kind < 4 ? farAhead(i) : longAgo(i);
    const deadline = i % 2 === 0 ? Timestamp.fromDate(when) : when.toISOString();
    if (kind < 6) task(`bench-task-${i}`, assignedTo, i, { deadline });
    else if (kind < 9) {
      const completedAt = new Date(when.getTime() - DAY_MS);
      task(`bench-task-${i}`, assignedTo, i, {
        deadline,
        completed: true,
        completedAt: i % 2 === 0 ? Timestamp.fromDate(completedAt) : completedAt.toISOString(),
      });
    } else task(`bench-task-${i}`, assignedTo, i, {});
  }
  return [...docs, ...projections(docs, projectionOf)];
}

/** The projection documents of the dataset's tasks, each built from its tasks at once. */
function projections(docs, projectionOf) {
  const openTasks = new Map();
  const deadlines = new Map();
  for (const [collection, id, data] of docs) {
    if (collection !== "tasks") continue;
    const { assignedTo, openTask, deadline } = projectionOf(id, data);
    if (!openTask) continue;
    if (!openTasks.has(assignedTo)) openTasks.set(assignedTo, {});
    openTasks.get(assignedTo)[id] = openTask;
    if (!deadline) continue;
    if (!deadlines.has(deadline.docId)) {
      deadlines.set(deadline.docId, { tasks: {}, expireAt: deadline.expireAt });
    }
    deadlines.get(deadline.docId).tasks[id] = true;
  }
  return [
    ...[...openTasks].map(([userId, tasks]) => ["sms_open_tasks", userId, { tasks }]),
    ...[...deadlines].map(([docId, data]) => ["sms_deadlines", docId, data]),
  ];
}

module.exports = { NOW, DUE, SETTINGS, dataset };
