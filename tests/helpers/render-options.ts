// Render options for tests that drive a SiteRenderer directly, without a build.
import path from 'node:path';
import type { RenderOptions } from '../../src/render/render-site.ts';
import { PROJECT } from './build-site.ts';

export function testRenderOptions(overrides: Partial<RenderOptions> = {}): RenderOptions {
  return {
    base: '/',
    siteUrl: null,
    templatesDir: path.join(PROJECT, 'templates'),
    title: 'Metals News Digest',
    description: 'D',
    assets: { css: [], js: [] },
    csp: "default-src 'self'",
    built: '2026-01-01',
    ...overrides,
  };
}
