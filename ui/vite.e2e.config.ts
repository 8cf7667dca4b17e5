import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Bundles the browser test (TypeScript, on the generated client) into one Node module.
export default defineConfig({
  resolve: {
    alias: { '@ledgerline/api': fileURLToPath(new URL('../target/ts-client/index.ts', import.meta.url)) },
  },
  build: {
    ssr: fileURLToPath(new URL('./e2e/billing.e2e.ts', import.meta.url)),
    // Inside ui/ so Node resolves playwright-core from ui/node_modules.
    outDir: 'node_modules/.cache/e2e',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      external: ['playwright-core'],
      output: { entryFileNames: 'billing.e2e.mjs', format: 'es' },
    },
  },
});
