module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Private workspace tooling: the benchmarks drive Juanie's back end through its own test
    // harness and internals (never published, never imported by a plugin).
    '@backstage/no-forbidden-package-imports': 'off',
    '@backstage/no-mixed-plugin-imports': 'off',
    // The benchmarks report figures instead of asserting them.
    'jest/expect-expect': 'off',
  },
});
