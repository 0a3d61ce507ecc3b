import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'drizzle/**', 'data/**', 'coverage/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through src/config.ts only.',
        },
      ],
    },
  },
  // The layers (README, "Architecture"): domain rules are pure; services reach Slack and the job
  // queue only through their ports (src/services/ports.ts); messages render, and call nothing.
  {
    files: ['src/domain/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!../domain', '!../domain/*'], message: 'Domain rules import nothing of ours but the domain.' }] }] },
  },
  {
    files: ['src/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/slack/*', '**/outbound/*', '**/sandbox/*'], message: 'Services reach Slack through the ports in src/services/ports.ts, never slack/ or outbound/.' },
            {
              group: ['**/jobs', '**/jobs/*', '!**/db/schema/jobs'],
              message: 'Services set durable timers through the Timers port (src/services/ports.ts); src/jobs/ runs them and may call services, not the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/jobs/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/slack/*', '**/outbound/*', '**/sandbox/*'], message: 'Jobs reach Slack through the ports in src/services/ports.ts, never slack/ or outbound/.' }] },
      ],
    },
  },
  {
    files: ['src/messages/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/slack/*', '**/outbound/*', '**/jobs/*', '**/sandbox/*', '**/db/client'], message: 'Messages are pure: they render data and call nothing.' }] },
      ],
    },
  },
  {
    files: ['src/config.ts', 'test/**', 'bench/**', 'drizzle.config.ts', 'vitest.config.ts', 'src/sandbox/cli.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
