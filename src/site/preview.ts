// `npm run preview`: serves the built site (the output folder) as a static host would.
import { preview } from 'vite';

export async function startPreview(options: { outDir: string; base: string; port: number | null }): Promise<void> {
  const server = await preview({
    configFile: false,
    base: options.base,
    appType: 'mpa',
    build: { outDir: options.outDir },
    preview: { port: options.port ?? 4173 },
  });
  server.printUrls();
}
