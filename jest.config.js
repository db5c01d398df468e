/**
 * Three projects: fast unit tests, the security rules matrix (Firestore emulator only), and
 * integration tests that need the Emulator Suite.
 */
const transform = { "^.+\\.ts$": "ts-jest" };

module.exports = {
  testTimeout: 60000,
  globalSetup: "<rootDir>/test/support/globalSetup.js",
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      roots: ["<rootDir>/test/unit"],
      transform,
    },
    {
      displayName: "rules",
      testEnvironment: "node",
      roots: ["<rootDir>/test/rules"],
      transform,
    },
    {
      displayName: "integration",
      testEnvironment: "node",
      roots: ["<rootDir>/test/integration"],
      setupFilesAfterEnv: ["<rootDir>/test/support/cleanSlate.ts"],
      transform,
      slowTestThreshold: 30,
    },
  ],
};
