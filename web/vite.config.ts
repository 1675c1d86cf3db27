// Build and dev-server settings for the browser app. The package script runs this from the repo
// root (`vite build --config web/vite.config.ts`), so every path is anchored to this file rather
// than to the working directory.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

// The Fastify server owns these prefixes; in development Vite forwards them so the browser sees
// one origin and the session cookie stays same-origin, as it is in production.
const serverUrl = 'http://127.0.0.1:3000';
const serverPrefixes = ['/api', '/oauth', '/webhooks'];

export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: Object.fromEntries(serverPrefixes.map((prefix) => [prefix, { target: serverUrl }])),
  },
});
