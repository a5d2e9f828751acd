// The project's Vite config: `npm run dev`, `build` and `preview` read it. newsDigest() holds the
// site's settings (the defaults are written out below; a command-line option overrides its own);
// other plugins and Vite options here apply to the site's CSS and JS and to the dev server.
import type { UserConfig } from 'vite';
import { newsDigest } from './src/vite-plugin.ts';

export default {
  plugins: [
    newsDigest({
      title: 'Metals News Digest',
      description: 'Metals and mining news: companies, people, metals, figures and quotes, linked.',
      language: 'en',
      // absolute canonical URLs, sitemap and feeds: 'https://example.com/digest/'
      siteUrl: null,
      base: '/',
      seeds: 'seeds',
      out: 'dist',
      navigation: [
        { label: 'Digest', path: '' },
        { label: 'Companies', path: 'companies/' },
        { label: 'People', path: 'people/' },
        { label: 'Metals', path: 'metals/' },
        { label: 'Topics', path: 'topics/' },
        { label: 'Figures', path: 'figures/' },
        { label: 'Timeline', path: 'timeline/' },
        { label: 'Search', path: 'search/' },
      ],
      // the fewest items on a page of each list cut into pages (a page holds up to about three times as
      // many; pages are cut where the items say, so an added article changes one page, not all)
      pageSizes: { digest: 20, entity: 12, figures: 120, timeline: 60 },
      // a folder of templates whose files replace the built-in ones of the same name
      templates: null,
      // a folder of files copied into the site over the built-in public files
      public: null,
      // stylesheets bundled after the site's own
      css: [],
      // merged over the built-in lists in src/data: companies (with former names), topics, metals,
      // places, boilerplate (regular expressions for whole lines of page furniture)
      words: {},
      // unified plugins run on each article's cleaned tree before extraction (synchronous ones)
      extractPlugins: [],
    }),
  ],
} satisfies UserConfig;
