module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // Test harnesses run only under Jest; they use dev dependencies.
      files: ['src/testing/**', 'src/**/testing/**'],
      rules: { '@backstage/no-undeclared-imports': 'off' },
    },
  ],
});
