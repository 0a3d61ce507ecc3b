import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const TESTKIT_ONLY = 'src/testkit/ is for tests and bench/ only; Accord itself never imports it.';
const DOMAIN_ONLY = 'Domain rules import nothing of ours but the domain, and ../messages/mrkdwn to echo user text.';

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
  // The test kit (src/testkit/) serves tests and bench/ only: nothing Accord runs may import it.
  {
    files: ['src/**'],
    ignores: ['src/testkit/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/testkit/*'], message: TESTKIT_ONLY }] }] },
  },
  // The layers (README, "Architecture"): domain rules are pure; services reach Slack and the job
  // queue only through their ports (src/services/ports.ts); messages render, and call nothing.
  // The one exception is ../messages/mrkdwn: the domain's parse errors echo what the user typed, and
  // that echo must be escaped exactly as every other message escapes it. The exception goes once
  // errors become data (codes plus values) that messages/ renders, which localisation needs anyway.
  // mrkdwn.ts imports nothing of ours, so the domain stays pure. Relative paths depend on depth, so
  // files at the top of the domain and those in its (one level of) subfolders get a rule each.
  {
    files: ['src/domain/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./(?!(domain(/|$)|messages/mrkdwn$))', message: DOMAIN_ONLY }] },
      ],
    },
  },
  {
    files: ['src/domain/*/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./\\.\\./(?!(domain(/|$)|messages/mrkdwn$))', message: DOMAIN_ONLY }] },
      ],
    },
  },
  {
    files: ['src/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/testkit/*'], message: TESTKIT_ONLY },
            {
              group: ['**/slack/*', '**/outbound/*', '**/sandbox/*'],
              message: 'Services reach Slack through the ports in src/services/ports.ts, never slack/ or outbound/.',
            },
            {
              group: ['**/jobs', '**/jobs/*', '!**/db/schema/jobs'],
              message:
                'Services set durable timers through the Timers port (src/services/ports.ts); src/jobs/ runs them and may call services, not the other way round.',
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
        {
          patterns: [
            { group: ['**/testkit/*'], message: TESTKIT_ONLY },
            {
              group: ['**/slack/*', '**/outbound/*', '**/sandbox/*'],
              message: 'Jobs reach Slack through the ports in src/services/ports.ts, never slack/ or outbound/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/messages/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/slack/*', '**/outbound/*', '**/jobs/*', '**/sandbox/*', '**/testkit/*', '**/db/client'],
              message: 'Messages are pure: they render data and call nothing.',
            },
          ],
        },
      ],
    },
  },
  // The domain may import mrkdwn.ts only because it imports nothing of ours (after the messages block, so it wins).
  {
    files: ['src/messages/mrkdwn.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.', message: 'mrkdwn.ts imports nothing of ours: the domain depends on it.' }] },
      ],
    },
  },
  {
    files: [
      'src/config.ts',
      'src/testkit/**',
      'test/**',
      'bench/**',
      'scripts/**',
      'drizzle.config.ts',
      'vitest.config.ts',
      'src/sandbox/cli.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
