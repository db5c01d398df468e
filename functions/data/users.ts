/**
 * The accounts: `users/{uid}` as the client apps write it (returned raw, to be parsed by
 * domain/clientDocs) and the Firebase Auth account whose custom claim holds the role.
 */
import { auth, readDoc } from "./firestore";
import { userRef, usersCollection } from "./refs";

/** The user document's data, or undefined when there is none. */
export async function readUserDoc(userId: string): Promise<Record<string, unknown> | undefined> {
  return (await readDoc(userRef(userId))).data();
}

/** A page of every user document in id order, after the user id `after`. */
export async function userPage(
  after: string | null,
  size: number,
): Promise<{ id: string; data: unknown }[]> {
  let query = usersCollection().orderBy("__name__").limit(size);
  if (after) query = query.startAfter(after);
  const page = await query.get();
  return page.docs.map((doc) => ({ id: doc.id, data: doc.data() }));
}

/** Mirrors a role the backend granted onto the user document (the apps read it there). */
export async function writeUserRole(userId: string, role: string): Promise<void> {
  await userRef(userId).set({ role }, { merge: true });
}

/** The account's custom claims; undefined when there is no such account. */
export async function accountClaims(userId: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await auth().getUser(userId)).customClaims ?? {};
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "auth/user-not-found") return undefined;
    throw error;
  }
}

/** Replaces the account's custom claims (they reach its next ID token). */
export async function setAccountClaims(
  userId: string,
  claims: Record<string, unknown>,
): Promise<void> {
  await auth().setCustomUserClaims(userId, claims);
}
