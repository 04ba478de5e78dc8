import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The web app: built to web/dist and served by the Nest app at "/"; `npm run web:dev` proxies the API.
export default defineConfig({
  root,
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Mantine marks its modules "use client" (for React Server Components); meaningless in this bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: {
      '/graphql': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false },
      // Single sign-on's browser legs (redirects to and from the identity provider).
      '/auth': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false },
      '/calendar': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false },
    },
  },
});
