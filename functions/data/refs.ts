/**
 * References to the documents the client apps own (users, tasks, reminders) and to the
 * opt-out list, so services name a document rather than assemble its path.
 */
import { COLLECTIONS, db } from "./firestore";

export function usersCollection() {
  return db().collection(COLLECTIONS.users);
}

export function userRef(userId: string) {
  return usersCollection().doc(userId);
}

export function tasksCollection() {
  return db().collection(COLLECTIONS.tasks);
}

export function taskRef(taskId: string) {
  return tasksCollection().doc(taskId);
}

export function remindersCollection() {
  return db().collection(COLLECTIONS.reminders);
}

export function reminderRef(reminderId: string) {
  return remindersCollection().doc(reminderId);
}

/** An opt-out, keyed by the E.164 number. */
export function suppressionRef(e164: string) {
  return db().collection(COLLECTIONS.suppressions).doc(e164);
}
