import { defineConfig } from 'vite';

// No React plugin: esbuild compiles TSX (automatic runtime); the dev server proxies the API.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  // One React only (root overrides pin 19 for UI kits whose peer ranges stop at 18): two copies in the
  // bundle make hooks inside antd / antd-mobile run against a React with no renderer.
  resolve: { dedupe: ['react', 'react-dom'] },
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // React Server Components' "use client" markers mean nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        // Keep the big UI kits in their own long-lived chunks, apart from each screen's code.
        manualChunks(id) {
          // React and Leaflet get long-lived chunks of their own. The UI kits are left to Rollup: a
          // manual antd chunk would also swallow helpers antd-mobile shares, and then a resident's
          // phone would download the whole console kit (measured: 618 KB instead of ~200 KB).
          if (!id.includes('/node_modules/')) return undefined;
          if (/\/node_modules\/(react|react-dom|scheduler|react-router|use-sync-external-store)\//.test(id)) return 'react';
          if (/\/node_modules\/leaflet\//.test(id)) return 'leaflet';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' },
  },
});
