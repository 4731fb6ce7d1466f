import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const databaseMessage = 'SQL belongs to src/server/db and src/server/repositories: call a repository instead.';
const databaseImportPaths = ['kysely', 'pg', 'better-sqlite3'].map((name) => ({ name, allowTypeImports: true, message: databaseMessage }));
const dexieOutsideDb = {
  paths: [{ name: 'dexie', message: 'IndexedDB belongs to src/app/db: call its repositories instead.' }, ...databaseImportPaths],
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
// Pages and components reach data through stores: db/, sync/ and api/ are the stores' business (types included).
// Components sit in components/<feature>/, so src/app/db is two levels up (../sync is components/sync).
const viewMessage = 'Pages and components go through a store (stores/*) instead of src/app/db, src/app/sync or src/app/api; shared types come from src/shared.';
const storeBoundaryFromPage = { regex: '^(\\.\\./)+(db|sync|api)(/|$)', message: viewMessage };
const storeBoundaryFromComponent = { regex: '^(\\.\\./){2,}(db|sync|api)(/|$)', message: viewMessage };
// A store may use another store inside an action (useXStore), never its helpers or view types.
const storeInternalsFromStore = {
  regex: '^(\\./|\\.\\./stores/)',
  allowImportNamePattern: '^use[A-Z]\\w*Store$',
  message: 'Import only use*Store from another store; shared rules and view types belong in src/shared or the module that owns them.',
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
  // One no-restricted-imports option set per file group: a later config object replaces, not extends, an earlier one's.
  {
    files: ['src/app/**/*.{ts,vue}'],
    ignores: ['src/app/db/**'],
    rules: { 'no-restricted-imports': ['error', dexieOutsideDb] },
  },
  {
    files: ['src/app/db/**/*.{ts,vue}'],
    rules: { 'no-restricted-imports': ['error', { paths: databaseImportPaths }] },
  },
  {
    files: ['src/app/pages/**/*.{ts,vue}'],
    rules: { 'no-restricted-imports': ['error', { ...dexieOutsideDb, patterns: [...dexieOutsideDb.patterns, storeBoundaryFromPage] }] },
  },
  {
    files: ['src/app/components/**/*.{ts,vue}'],
    rules: { 'no-restricted-imports': ['error', { ...dexieOutsideDb, patterns: [...dexieOutsideDb.patterns, storeBoundaryFromComponent] }] },
  },
  {
    files: ['src/app/stores/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { ...dexieOutsideDb, patterns: [...dexieOutsideDb.patterns, storeInternalsFromStore] }] },
  },
  {
    files: ['src/app/**/*.{ts,vue}'],
    ignores: ['src/app/api/**', 'src/app/db/**'],
    rules: restrictedBrowserApis([...fetchGlobals, ...storageGlobals], [...fetchProperties, ...storageProperties]),
  },
  { files: ['src/app/db/**/*.{ts,vue}'], rules: restrictedBrowserApis(fetchGlobals, fetchProperties) },
  { files: ['src/app/api/**/*.{ts,vue}'], rules: restrictedBrowserApis(storageGlobals, storageProperties) },
  {
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/db/**', 'src/server/repositories/**'],
    rules: { 'no-restricted-imports': ['error', { paths: databaseImportPaths }] },
  },
  {
    files: ['src/server/repositories/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../auth', '../auth/**'], message: 'Repositories hold SQL only: they do not depend on src/server/auth.' },
            { group: ['../sync', '../sync/**'], message: 'Repositories hold SQL only: the push pipeline (src/server/sync) calls them, not the other way round.' },
          ],
        },
      ],
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
