import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes `name.br` and `name.gz` beside every text file of the build (when smaller), so the server
 * sends them as they are (@fastify/static `preCompressed`) instead of compressing on each request.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  const compressible = /\.(js|mjs|css|html|svg|json|txt|xml|wasm)$/;
  function walk(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  }
  return {
    name: 'wangge-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!compressible.test(file)) continue;
        const bytes = fs.readFileSync(file);
        if (bytes.length < 512) continue;
        const br = brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
        const gz = gzipSync(bytes, { level: 9 });
        if (br.length < bytes.length) fs.writeFileSync(`${file}.br`, br);
        if (gz.length < bytes.length) fs.writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

/**
 * `resize-observer-polyfill` (pulled in by ahooks for antd-mobile) is 34 KB for browsers that all have
 * ResizeObserver natively (Chrome 64+, Safari 13.1+, WeChat's X5): hand them the native one.
 */
function nativeResizeObserver(): Plugin {
  const id = '\0native-resize-observer';
  return {
    name: 'wangge-native-resize-observer',
    enforce: 'pre',
    resolveId: (source) => (source === 'resize-observer-polyfill' ? id : undefined),
    load: (loaded) => (loaded === id ? 'export default globalThis.ResizeObserver;' : undefined),
  };
}

/**
 * `dist/build-info.json`: what the server must know about this build — the map tile template, from
 * which it allows the tile host in its Content-Security-Policy (server/src/platform/csp.ts) — and
 * what `scripts/build-web-if-needed.mjs` compares to decide on a rebuild.
 */
function buildInfo(): Plugin {
  let env: Record<string, string> = {};
  return {
    name: 'wangge-build-info',
    apply: 'build',
    configResolved(config) {
      env = config.env;
    },
    generateBundle() {
      const info = { tileUrl: env.VITE_TILE_URL || null, tileCrs: env.VITE_TILE_CRS || null };
      this.emitFile({ type: 'asset', fileName: 'build-info.json', source: `${JSON.stringify(info, null, 2)}\n` });
    },
  };
}

// No React plugin: esbuild compiles TSX (automatic runtime); the dev server proxies the API.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  plugins: [nativeResizeObserver(), buildInfo(), precompress()],
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
