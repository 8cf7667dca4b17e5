import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Bundles the browser runs (TypeScript, on the generated client) into one Node module each: the
// webhook run (billing.e2e.ts, with relayed events) and the run command's (offline.e2e.ts, none).
export default defineConfig({
  resolve: {
    alias: { '@ledgerline/api': fileURLToPath(new URL('../target/ts-client/index.ts', import.meta.url)) },
  },
  build: {
    ssr: true,
    // Inside ui/ so Node resolves playwright-core from ui/node_modules.
    outDir: 'node_modules/.cache/e2e',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: {
        billing: fileURLToPath(new URL('./e2e/billing.e2e.ts', import.meta.url)),
        offline: fileURLToPath(new URL('./e2e/offline.e2e.ts', import.meta.url)),
      },
      external: ['playwright-core'],
      output: { entryFileNames: '[name].e2e.mjs', chunkFileNames: '[name]-[hash].mjs', format: 'es' },
    },
  },
});
