// `tsx scripts/screenshot.ts <site-dir> <path> <out.png> [width] [--dark]`: a look at a built page.
import { serveStatic } from '../tests/helpers/static-server.ts';
import { launchBrowser } from '../tests/helpers/browser.ts';

const [dir, pagePath = '', out = 'shot.png', width = '1280'] = process.argv.slice(2);
const server = await serveStatic(dir!, '/');
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 }, colorScheme: process.argv.includes('--dark') ? 'dark' : 'light' });
page.on('console', (m) => console.log('console:', m.text()));
await page.goto(server.url + pagePath);
await page.waitForTimeout(500);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
await server.close();
