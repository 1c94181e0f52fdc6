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
          // Only a package's own files go to its chunk; helpers shared with the entry stay out, so the
          // entry never pulls in a UI kit (a resident's phone loads no console code).
          if (!id.includes('/node_modules/')) return undefined;
          if (/\/node_modules\/(react|react-dom|scheduler|react-router|use-sync-external-store)\//.test(id)) return 'react';
          if (/\/node_modules\/(antd|@ant-design|@rc-component)\//.test(id)) return 'antd';
          if (/\/node_modules\/antd-mobile\//.test(id)) return 'mobile';
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
