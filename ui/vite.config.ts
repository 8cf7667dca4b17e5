import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

// The bundle is served by the service under /app/ with fixed names the Thymeleaf shell links to;
// the shell page itself is never cached, and it is what changes between releases.
export default defineConfig({
  plugins: [preact()],
  base: '/app/',
  resolve: {
    alias: { '@ledgerline/api': fileURLToPath(new URL('../target/ts-client/index.ts', import.meta.url)) },
  },
  build: {
    outDir: '../target/ui-dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: fileURLToPath(new URL('./src/main.tsx', import.meta.url)),
      output: { entryFileNames: 'app.js', chunkFileNames: 'chunk-[hash].js', assetFileNames: 'app.[ext]' },
    },
  },
});
