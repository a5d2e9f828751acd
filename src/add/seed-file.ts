// An added article as the seed file it becomes: `<date>-<slug>.md`, YAML front matter (title,
// date, byline, source, publisher) over the article as markdown, as a person would write one.
import matter from 'gray-matter';
import { slugify } from '../slug.ts';
import type { HtmlArticle } from '../read/html-page.ts';

/** Words of the title kept in the file name. */
const NAME_WORDS = 10;

export interface SeedFile {
  name: string;
  text: string;
}

export function seedFile(article: HtmlArticle, fetchedUrl: string, today: string): SeedFile {
  const { metadata } = article;
  const title = metadata.title?.trim() || undefined;
  // without a title the build makes one from the lead, as for any article; the name comes from the text
  const fields: Record<string, string> = title ? { title } : {};
  if (metadata.date) fields.date = metadata.date;
  if (metadata.byline) fields.byline = metadata.byline;
  fields.source = metadata.source ?? fetchedUrl;
  if (metadata.publisher) fields.publisher = metadata.publisher;
  const named = title ?? article.markdown.replace(/[^\p{L}\p{N}\s'-]+/gu, ' ');
  const slug = slugify(named.split(/\s+/).filter(Boolean).slice(0, NAME_WORDS).join(' ')).slice(0, 70).replace(/-+$/, '') || 'article';
  return { name: `${metadata.date ?? today}-${slug}.md`, text: matter.stringify(`\n${article.markdown}\n`, fields, { lineWidth: -1 } as matter.GrayMatterOption<string, never>) };
}
