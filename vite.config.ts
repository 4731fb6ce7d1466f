import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { build, defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

export const appName = { zh: '鼓楼区居民满意度测评', en: 'Gulou Resident Satisfaction Survey' };
export const themeColor = '#b71c1c';

/** vue-i18n feature flags: composition API only, no legacy build, no devtools in production. */
export const i18nFlags = {
  __VUE_I18N_FULL_INSTALL__: 'false',
  __VUE_I18N_LEGACY_API__: 'false',
  __INTLIFY_PROD_DEVTOOLS__: 'false',
};

/** Brotli and gzip copies beside each text asset, served as they are by @fastify/static (preCompressed). */
const precompress = () => compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|css|html|svg|webmanifest|json)$/, exclude: /\.map$/ });

/**
 * The residents' questionnaire (online.html, served at /q/…) is built on its own after the app: in
 * the app's build it would share the app's chunks, and with them all of Vue and vue-i18n that the
 * office pages use. Alone it bundles only what it uses (under 70 KB of JS+CSS gz, issue 11). Its
 * files are named online-* and kept out of the app's precache: residents never install the app;
 * the page has a worker of its own (residentServiceWorker).
 */
/**
 * The residents' page's own service worker (online-sw.js, registered for /q/ only): it keeps the
 * page's shell and its online-* assets, so that a reload without network still opens the form;
 * the questionnaire and the answers are kept by the page itself (src/app/db/online.ts). None of
 * the app's files are in it, and the app's worker leaves /q alone.
 */
function residentServiceWorker() {
  return VitePWA({
    strategies: 'generateSW',
    filename: 'online-sw.js',
    manifest: false,
    injectRegister: false,
    workbox: {
      cacheId: 'gulou-online',
      globPatterns: ['online.html', 'assets/online-*.{js,css}', 'favicon.svg'],
      navigateFallback: '/online.html',
      navigateFallbackAllowlist: [/^\/q\//],
      // One small file: no second workbox-*.js for a phone on a slow connection to fetch.
      inlineWorkboxRuntime: true,
      cleanupOutdatedCaches: true,
      // Nothing to offer as an update on a one-off questionnaire: a new version takes over at once.
      clientsClaim: true,
      skipWaiting: true,
    },
  });
}

function residentPageBuild(): Plugin {
  return {
    name: 'resident-page-build',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        plugins: [vue(), precompress(), residentServiceWorker()],
        // vue-i18n's t() with {name} placeholders and a locale is all this page uses (see i18n-lite.ts).
        resolve: { alias: { 'vue-i18n': resolve(import.meta.dirname, 'src/app/online/i18n-lite.ts') } },
        // Nothing on this page uses Vue's Options API.
        define: { __VUE_OPTIONS_API__: 'false' },
        build: {
          outDir: 'dist',
          emptyOutDir: false,
          sourcemap: 'hidden',
          rollupOptions: {
            input: { online: resolve(import.meta.dirname, 'online.html') },
            output: { entryFileNames: 'assets/online-[hash].js', chunkFileNames: 'assets/online-[name]-[hash].js', assetFileNames: 'assets/online-[name]-[hash][extname]' },
          },
        },
      });
    },
  };
}

export default defineConfig({
  plugins: [
    vue(),
    VitePWA({
      strategies: 'generateSW',
      filename: 'sw.js',
      registerType: 'prompt',
      // Registration is ours (src/app/pwa), so that an update is offered, never forced.
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: appName.zh,
        short_name: '满意度测评',
        description: '入户走访问卷、援法议事记录与满意度考评 · Door-to-door surveys and resident-satisfaction evaluation',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: themeColor,
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        globIgnores: ['online.html', 'online-sw.js', 'assets/online-*'],
        navigateFallback: '/index.html',
        // /results and /q are pages of their own (results.html, online.html), never the app shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/results(\/|$)/, /^\/q(\/|$)/],
        cleanupOutdatedCaches: true,
        // The first install takes control at once; later versions wait until the user accepts them.
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
    precompress(),
    residentPageBuild(),
  ],
  define: i18nFlags,
  build: {
    outDir: 'dist',
    manifest: true,
    // Maps stay out of the pages (no sourceMappingURL) but let the bench tell what each chunk bundles.
    sourcemap: 'hidden',
    // Two doors: the app, and the public results page that must not download the app's code (the
    // residents' questionnaire is a third, built apart: see residentPageBuild).
    rollupOptions: { input: { index: resolve(import.meta.dirname, 'index.html'), results: resolve(import.meta.dirname, 'results.html') } },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
