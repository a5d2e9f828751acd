// Slugs for ids and URLs: lower-case ASCII letters and digits joined by single hyphens, the
// pattern records.schema.json requires. Accents are folded; other scripts fall back to a hash.
import crypto from 'node:crypto';

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  if (slug) return slug;
  return `x-${crypto.createHash('sha1').update(text).digest('hex').slice(0, 10)}`;
}
