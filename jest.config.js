/** Two projects: fast unit tests, and integration tests that need the Emulator Suite. */
const tsJest = ["ts-jest", { isolatedModules: true }];

module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      roots: ["<rootDir>/test/unit"],
      transform: { "^.+\\.ts$": tsJest },
    },
    {
      displayName: "integration",
      testEnvironment: "node",
      roots: ["<rootDir>/test/integration"],
      transform: { "^.+\\.ts$": tsJest },
      testTimeout: 60000,
    },
  ],
};
