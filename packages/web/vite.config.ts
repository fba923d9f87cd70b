import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The LP Desk server serves dist/ and the API from one origin; in dev, Vite proxies /api to it.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 900 },
  // ws: the live updates socket at /api/live goes through the proxy too.
  server: { proxy: { '/api': { target: process.env.LPDESK_API_URL ?? 'http://127.0.0.1:8080', ws: true } } },
});
