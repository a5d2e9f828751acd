// `npm run preview`: serves the built site (the output folder) as a static host would, with the
// config file's Vite options (a preview port, headers, a plugin's configurePreviewServer).
import { mergeConfig, preview, type InlineConfig, type UserConfig } from 'vite';

export async function startPreview(options: { outDir: string; base: string; port: number | null; vite?: UserConfig }): Promise<void> {
  const server = await preview(
    mergeConfig(options.vite ?? {}, {
      configFile: false,
      base: options.base,
      appType: 'mpa',
      build: { outDir: options.outDir },
      preview: { port: options.port ?? options.vite?.preview?.port ?? 4173 },
    } satisfies InlineConfig),
  );
  server.printUrls();
}
