/**
 * The console build: plain Vite with esbuild's automatic JSX runtime (no React plugin, so
 * no fast refresh; the console is built, not developed, on these machines). Everything is
 * bundled — no CDN at run time. ECharts and the detail views are split into lazy chunks.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Not `assets/`: that is a console route (/assets/images).
    assetsDir: 'static',
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
});
