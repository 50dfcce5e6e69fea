/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The production build goes straight into the jar's static resources (see ui/pom.xml), so `./mvnw package`
// ships the dashboard; `npm run dev` proxies the API to a locally running Rehearsal on 8080.
const backend = process.env.REHEARSAL_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../../../target/classes/static',
    emptyOutDir: true,
    // top-level await (the duration formatting ponyfill is loaded only where the browser lacks it)
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': backend,
      '/login': { target: backend, bypass: (req) => (req.method === 'GET' ? req.url : undefined) },
      '/logout': backend,
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 20000,
  },
});
