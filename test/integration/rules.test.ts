/**
 * firestore.rules, through the web SDK as the apps use it: signed-in users read only their
 * own messages, and no client writes a backend collection.
 */
import { deleteApp, initializeApp, type FirebaseApp } from "firebase/app";
import { connectAuthEmulator, getAuth, signInWithEmailAndPassword } from "firebase/auth";
import {
  connectFirestoreEmulator,
  deleteDoc,
  doc,
  getDoc,
  getFirestore,
  setDoc,
  setLogLevel,
  updateDoc,
  type Firestore,
} from "firebase/firestore";
import { getAuth as getAdminAuth } from "firebase-admin/auth";
import { adminDb, PROJECT_ID } from "../support/emulators";

let app: FirebaseApp;
let client: Firestore;

beforeAll(async () => {
  // Denied writes are the point of these tests; the SDK would log each one as a warning.
  setLogLevel("silent");
  adminDb();
  await getAdminAuth()
    .createUser({ uid: "rules-student", email: "rules-student@example.com", password: "secret-pw" })
    .catch(() => undefined);
  await adminDb()
    .collection("sms_messages")
    .doc("rules-own")
    .set({ userId: "rules-student", body: "mine" });
  await adminDb()
    .collection("sms_messages")
    .doc("rules-other")
    .set({ userId: "someone-else", body: "theirs" });

  app = initializeApp({ projectId: PROJECT_ID, apiKey: "demo-key" }, "rules-test");
  const auth = getAuth(app);
  connectAuthEmulator(auth, "http://127.0.0.1:9099", { disableWarnings: true });
  client = getFirestore(app);
  connectFirestoreEmulator(client, "127.0.0.1", 8080);
  await signInWithEmailAndPassword(auth, "rules-student@example.com", "secret-pw");
});

afterAll(async () => {
  await deleteApp(app);
});

const denied = expect.objectContaining({ code: "permission-denied" });

it("lets a signed-in user read their own message", async () => {
  const snapshot = await getDoc(doc(client, "sms_messages", "rules-own"));
  expect(snapshot.get("body")).toBe("mine");
});

it("does not let a user read someone else's message", async () => {
  await expect(getDoc(doc(client, "sms_messages", "rules-other"))).rejects.toEqual(denied);
});

it("does not let a client write the outbox, even its own message", async () => {
  await expect(
    setDoc(doc(client, "sms_messages", "rules-new"), { userId: "rules-student" }),
  ).rejects.toEqual(denied);
  await expect(
    updateDoc(doc(client, "sms_messages", "rules-own"), { status: "sent" }),
  ).rejects.toEqual(denied);
  await expect(deleteDoc(doc(client, "sms_messages", "rules-own"))).rejects.toEqual(denied);
});

it.each(["sms_suppressions", "sms_templates", "sms_campaigns", "sms_inbound"])(
  "does not let a client write %s",
  async (collection) => {
    await expect(setDoc(doc(client, collection, "rules-x"), { any: "thing" })).rejects.toEqual(
      denied,
    );
  },
);
