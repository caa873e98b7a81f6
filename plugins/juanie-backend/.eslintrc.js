module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Test harness and benchmarks run only under Jest; they use dev dependencies.
      files: ['src/testing/**', 'src/bench/**'],
      rules: { '@backstage/no-undeclared-imports': 'off' },
    },
    {
      // The benchmark reports figures instead of asserting them.
      files: ['src/bench/**'],
      rules: { 'jest/expect-expect': 'off' },
    },
  ],
});
