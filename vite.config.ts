import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
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
        navigateFallback: '/index.html',
        // /results is a page of its own (results.html), never the app shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/results(\/|$)/],
        cleanupOutdatedCaches: true,
        // The first install takes control at once; later versions wait until the user accepts them.
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
    // Brotli and gzip copies beside each text asset, served as they are by @fastify/static (preCompressed).
    compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|css|html|svg|webmanifest|json)$/, exclude: /\.map$/ }),
  ],
  define: i18nFlags,
  build: {
    outDir: 'dist',
    manifest: true,
    // Maps stay out of the pages (no sourceMappingURL) but let the bench tell what each chunk bundles.
    sourcemap: 'hidden',
    // Two doors: the app, and the public results page that must not download the app's code.
    rollupOptions: { input: { index: resolve(import.meta.dirname, 'index.html'), results: resolve(import.meta.dirname, 'results.html') } },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
