import { defineConfig } from 'vite';

// No React plugin: esbuild compiles TSX (automatic runtime); the dev server proxies the API.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // Keep the big UI kits in their own long-lived chunks, apart from each screen's code.
        manualChunks: {
          react: ['react', 'react-dom', 'react-router'],
          antd: ['antd', '@ant-design/icons'],
          mobile: ['antd-mobile'],
          leaflet: ['leaflet'],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' },
  },
});
