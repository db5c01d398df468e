/**
 * Demo data for the local run: students and partners in three time zones and both languages,
 * with tasks, written exactly as the existing client apps write them. Fictional numbers only.
 */
const inDays = (days, hourUtc) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  date.setUTCHours(hourUtc, 0, 0, 0);
  return date.toISOString();
};

const users = {
  "demo-admin": { name: "Alex Admin", role: "admin", phone_number: "+15555550140" },
  "demo-partner-ny": {
    name: "Pat Morgan",
    role: "partner",
    phone_number: "(555) 555-0150",
    timezone: "America/New_York",
    language: "en",
  },
  "demo-partner-ist": {
    name: "Ayşe Demir",
    role: "partner",
    phone_number: "+15555550151",
    timezone: "Europe/Istanbul",
    language: "tr",
  },
  "demo-student-ny": {
    name: "Sam Rivera",
    role: "student",
    phone_number: "+15555550160",
    timezone: "America/New_York",
    language: "en",
    daily_streak: 3,
  },
  "demo-student-ist": {
    name: "Zeynep Kaya",
    role: "student",
    phone_number: "+15555550161",
    timezone: "Europe/Istanbul",
    language: "tr",
    daily_streak: 7,
  },
  "demo-student-tokyo": {
    name: "Kenji Sato",
    role: "student",
    phone_number: "+15555550162",
    timezone: "Asia/Tokyo",
    language: "en",
  },
  "demo-student-quiet": {
    name: "Quinn Silent",
    role: "student",
    phone_number: "+15555550163",
    sms_notifications_enabled: false,
  },
};

const tasks = {
  "demo-task-algebra": {
    title: "Algebra: chapter 2 exercises",
    subjectId: "math",
    chapterId: "algebra-2",
    taskType: "chapter",
    assignedTo: "demo-student-ny",
    createdBy: "demo-partner-ny",
    deadline: inDays(2, 21),
  },
  "demo-task-fizik": {
    title: "Fizik: Newton yasaları tekrar",
    subjectId: "physics",
    chapterId: "newton",
    taskType: "revision",
    assignedTo: "demo-student-ist",
    createdBy: "demo-partner-ist",
    deadline: inDays(3, 15),
  },
  "demo-task-essay": {
    title: "Essay outline",
    subjectId: "english",
    chapterId: "essays-1",
    taskType: "chapter",
    assignedTo: "demo-student-tokyo",
    createdBy: "demo-partner-ny",
  },
};

module.exports = { users, tasks };
