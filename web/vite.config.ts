// Vite build of the web console: web/ → dist/web, served by the platform server (src/server/app.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: process.env.CITYOPS_WEB_DIST ? path.resolve(process.env.CITYOPS_WEB_DIST) : path.resolve(here, '../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // React in its own long-cached chunk; maplibre and echarts in theirs, loaded only with the pages that use them.
        // antd is left to the default splitting, so first paint carries only the components the first page needs.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/ },
            { name: 'maplibre', test: /node_modules[\\/](maplibre-gl|@maplibre|@mapbox|earcut|kdbush|supercluster|pbf)[\\/]/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': process.env.CITYOPS_API ?? 'http://127.0.0.1:8080' },
  },
});
