/**
 * The web app's side of the callables: the Firebase web SDK, signed in through the Auth
 * emulator as a user with a role claim, calling functions in the Functions emulator.
 */
import { deleteApp, initializeApp, type FirebaseApp } from "firebase/app";
import { connectAuthEmulator, getAuth, signInWithEmailAndPassword } from "firebase/auth";
import { connectFirestoreEmulator, getFirestore, type Firestore } from "firebase/firestore";
import { connectFunctionsEmulator, getFunctions, httpsCallable } from "firebase/functions";
import { getAuth as getAdminAuth } from "firebase-admin/auth";
import { callableOf, type CallableApi, type CallableName } from "../../client/callables";
import { adminDb, PROJECT_ID, REGION } from "./emulators";

export interface WebClient {
  call<Request, Response = unknown>(name: string, data: Request): Promise<Response>;
  /** The callable `name` through client/callables.ts, typed by the contract. */
  api<Name extends CallableName>(
    name: Name,
    data: CallableApi[Name]["request"],
  ): Promise<CallableApi[Name]["response"]>;
  /** The app's Firestore, as a client app writes it: the rules apply. */
  firestore(): Firestore;
  close(): Promise<void>;
}

let apps = 0;

function client(app: FirebaseApp): WebClient {
  const functions = getFunctions(app, REGION);
  connectFunctionsEmulator(functions, "127.0.0.1", 5001);
  let firestore: Firestore | undefined;
  return {
    async call<Request, Response>(name: string, data: Request) {
      const result = await httpsCallable<Request, Response>(functions, name)(data);
      return result.data;
    },
    async api(name, data) {
      return (await callableOf(functions, name)(data)).data;
    },
    firestore() {
      if (!firestore) {
        firestore = getFirestore(app);
        connectFirestoreEmulator(firestore, "127.0.0.1", 8080);
      }
      return firestore;
    },
    close: () => deleteApp(app),
  };
}

/** A client that is not signed in. */
export function anonymousClient(): WebClient {
  return client(initializeApp({ projectId: PROJECT_ID, apiKey: "demo-key" }, `web-${apps++}`));
}

/** A client signed in as `uid`, with the `role` custom claim when given. */
export async function signedInClient(uid: string, role?: string): Promise<WebClient> {
  adminDb();
  const email = `${uid}@example.com`;
  const password = "test-password";
  await getAdminAuth()
    .createUser({ uid, email, password })
    .catch((error: { code?: string }) => {
      if (error.code !== "auth/uid-already-exists") throw error;
    });
  await getAdminAuth().setCustomUserClaims(uid, role ? { role } : null);
  const app = initializeApp({ projectId: PROJECT_ID, apiKey: "demo-key" }, `web-${apps++}`);
  const auth = getAuth(app);
  connectAuthEmulator(auth, "http://127.0.0.1:9099", { disableWarnings: true });
  const credential = await signInWithEmailAndPassword(auth, email, password);
  await credential.user.getIdToken(true);
  return client(app);
}
