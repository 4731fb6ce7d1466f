import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const dexieOutsideDb = {
  paths: [{ name: 'dexie', message: 'IndexedDB belongs to src/app/db: call its repositories instead.' }],
  patterns: [{ group: ['dexie/*'], message: 'IndexedDB belongs to src/app/db.' }],
};
const fetchMessage = 'HTTP belongs to src/app/api: call its typed functions instead.';
const fetchGlobals = [{ name: 'fetch', message: fetchMessage }];
const fetchProperties = ['window', 'globalThis', 'self'].map((object) => ({ object, property: 'fetch', message: fetchMessage }));
const storageMessage = 'Browser storage belongs to src/app/db: call its functions instead.';
const storageGlobals = [{ name: 'localStorage', message: storageMessage }];
const storageProperties = ['window', 'globalThis', 'self'].map((object) => ({ object, property: 'localStorage', message: storageMessage }));
/** One rule entry per file set: a later config object would replace, not extend, an earlier one's options. */
const restrictedBrowserApis = (globals, properties) => ({
  'no-restricted-globals': ['error', ...globals],
  'no-restricted-properties': ['error', ...properties],
});
const databaseImports = {
  paths: ['kysely', 'pg', 'better-sqlite3'].map((name) => ({
    name,
    allowTypeImports: true,
    message: 'SQL belongs to src/server/db and src/server/repositories: call a repository instead.',
  })),
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'data/**', 'dev-dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['src/app/**/*.{ts,vue}'],
    ignores: ['src/app/db/**'],
    rules: { 'no-restricted-imports': ['error', dexieOutsideDb] },
  },
  {
    files: ['src/app/**/*.{ts,vue}'],
    ignores: ['src/app/api/**', 'src/app/db/**'],
    rules: restrictedBrowserApis([...fetchGlobals, ...storageGlobals], [...fetchProperties, ...storageProperties]),
  },
  { files: ['src/app/db/**/*.{ts,vue}'], rules: restrictedBrowserApis(fetchGlobals, fetchProperties) },
  { files: ['src/app/api/**/*.{ts,vue}'], rules: restrictedBrowserApis(storageGlobals, storageProperties) },
  {
    files: ['src/**/*.{ts,vue}'],
    ignores: ['src/server/db/**', 'src/server/repositories/**', 'src/shared/**'],
    rules: { 'no-restricted-imports': ['error', databaseImports] },
  },
  {
    files: ['src/server/repositories/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../auth', '../auth/**'], message: 'Repositories hold SQL only: they do not depend on src/server/auth.' }] }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'vue', 'vue-*', 'pinia', 'dexie', 'fastify*'], message: 'src/shared is pure TypeScript: no DOM, Vue or Node.' }] }],
    },
  },
);
