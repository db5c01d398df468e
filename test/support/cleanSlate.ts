/**
 * Every integration test file starts from an empty database: the files share one Emulator
 * Suite, and one file's data (a 500-student campaign) must not become another's workload
 * (the hourly jobs, the outbox sweep).
 */
import { clearFirestore } from "./emulators";

beforeAll(async () => {
  await clearFirestore();
});
