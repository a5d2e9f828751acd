// Which pages an article feeds, known from the linked site: its own page, the pages of every
// company, person, metal and topic it names, and the pages of the articles whose related lists can
// hold it (those within a related-list window of it in a list it shares). A build keeps a snapshot
// of the linked site and diffs the next one against it: the pages that can have changed are the
// union of what the added, removed and changed articles fed, before and after; a person whose roles
// changed adds the pages of the companies they were and are with, and a person added or gone the
// articles that quote that name. A change that can reach any page (a company's or an entity's
// name, a company's aliases) says "all". The pages of lists (the digest, figures, timeline,
// indexes) are the render stage's to look at every time. The copies of one story show each other
// and an entity lists the story once: a change to one copy (or a copy added or gone, which can
// change the story's id) is a change to every copy, before and after.
import type { SiteData } from './link.ts';
import { sameList } from './same-list.ts';

/** Around an article in an entity's list, how far a related list can reach (page-models' window, both ways, and one for the shift an insertion makes). */
export const NEIGHBOURHOOD = 201;

const KINDS = ['companies', 'people', 'metals', 'topics'] as const;
type Kind = (typeof KINDS)[number];
/** The lists related articles are drawn from (page-models.ts relatedArticles). */
const RELATED_KINDS: readonly Kind[] = ['companies', 'people', 'metals'];

/** What the next build compares with: every article's inputs and place, every entity's name. */
export interface SiteSnapshot {
  /**
   * id → [source digest, url, title, place in site order, entity ids by kind, names of the people it
   * quotes, story id, the `kind/id` of the entities that list the story by another copy].
   */
  articles: Record<string, [string, string, string, number, Record<Kind, string[]>, string[], string, string[]]>;
  /** kind → id → what pages show of it: its name (a company's aliases and former names, a person's roles), as JSON. */
  entities: Record<Kind, Record<string, string>>;
}

/** A person as pages show them: name, and roles as [role, company, company id]. */
type PersonShown = [string, [string | null, string | null, string | null][]];

/** The ids of the companies a person has roles with, as a snapshot shows the person. */
function roleCompanies(shown: string | undefined): string[] {
  return shown ? (JSON.parse(shown) as PersonShown)[1].flatMap(([, , id]) => (id ? [id] : [])) : [];
}

/** The pages to look at again; null when a change can reach any page. */
export interface ChangedPages {
  /** Article page paths (`articles/x/`). */
  articles: Set<string>;
  /** Entity page folders (`companies/x/`): each page under it. */
  entities: Set<string>;
  /** The ids of the articles added, removed or changed. */
  ids: Set<string>;
}

export function snapshotOf(site: SiteData): SiteSnapshot {
  const articles: SiteSnapshot['articles'] = {};
  site.articles.forEach((a, place) => {
    const entities = { companies: a.companies.map((c) => c.id), people: a.people.map((p) => p.id), metals: a.metals.map((m) => m.id), topics: a.topics.map((t) => t.id) };
    const unlisted = [...(site.unlisted.get(a.id) ?? [])].sort();
    articles[a.id] = [a.record.source.digest, a.url, a.title, place, entities, [...new Set(a.quotes.flatMap((q) => (q.speaker ? [q.speaker] : [])))], a.story, unlisted];
  });
  const entities = { companies: {}, people: {}, metals: {}, topics: {} } as SiteSnapshot['entities'];
  for (const c of site.companies) entities.companies[c.id] = JSON.stringify([c.name, c.aliases, c.formerNames]);
  for (const p of site.people) entities.people[p.id] = JSON.stringify([p.name, p.roles.map((r) => [r.role, r.company, r.companyId])]);
  for (const kind of ['metals', 'topics'] as const) for (const e of site[kind]) entities[kind][e.id] = JSON.stringify([e.name]);
  return { articles, entities };
}

/**
 * The pages the difference between `last` and `site` can reach, or null when it can reach any
 * (an entity that both know is named otherwise: every page that links it shows the name).
 */
export function changedPages(now: SiteSnapshot, last: SiteSnapshot): ChangedPages | null {
  const pages: ChangedPages = { articles: new Set(), entities: new Set(), ids: new Set() };
  for (const kind of KINDS) {
    for (const [id, shown] of Object.entries(now.entities[kind])) {
      const before = last.entities[kind][id];
      if (before === undefined || before === shown) continue;
      if (kind !== 'people') return null;
      if ((JSON.parse(shown) as PersonShown)[0] !== (JSON.parse(before) as PersonShown)[0]) return null;
      // roles show on the person's page and on the pages of the companies they name
      pages.entities.add(`people/${id}/`);
      for (const company of [...roleCompanies(shown), ...roleCompanies(before)]) pages.entities.add(`companies/${company}/`);
    }
  }
  // a person added or gone: the articles that quote that name link it, or no longer
  const peopleNamed = new Set<string>();
  for (const [snapshot, other] of [[now, last], [last, now]] as const) {
    for (const [id, shown] of Object.entries(snapshot.entities.people)) if (other.entities.people[id] === undefined) peopleNamed.add((JSON.parse(shown) as [string])[0]);
  }
  if (peopleNamed.size) for (const entry of Object.values(now.articles)) if (entry[5].some((name) => peopleNamed.has(name))) pages.articles.add(entry[1]);
  const changed = new Set<string>();
  for (const [id, entry] of Object.entries(now.articles)) {
    const before = last.articles[id];
    if (!before || before[0] !== entry[0] || before[1] !== entry[1] || before[2] !== entry[2] || !sameEntities(before[4], entry[4]) || before[6] !== entry[6] || !before[7] || !sameList(before[7], entry[7])) changed.add(id);
  }
  for (const id of Object.keys(last.articles)) if (!now.articles[id]) changed.add(id);
  for (const id of storyCopies(changed, now, last)) changed.add(id);

  pages.ids = changed;
  if (changed.size === 0) return pages;
  const nowLists = entityLists(now, changed);
  const lastLists = entityLists(last, changed);
  for (const id of changed) {
    for (const [snapshot, lists] of [[now, nowLists], [last, lastLists]] as const) {
      const entry = snapshot.articles[id];
      if (!entry) continue;
      pages.articles.add(entry[1]);
      for (const kind of KINDS) {
        for (const entity of entry[4][kind]) {
          pages.entities.add(`${kind}/${entity}/`);
          // a company's page lists its people in the order of their mentions, which this article moves
          if (kind === 'people') for (const company of [...roleCompanies(now.entities.people[entity]), ...roleCompanies(last.entities.people[entity])]) pages.entities.add(`companies/${company}/`);
          if (!RELATED_KINDS.includes(kind)) continue;
          // the articles whose related lists can hold this one: its neighbours in the entity's list,
          // counted in the articles the entity lists, with the copies it does not list between them
          const list = lists.get(`${kind}/${entity}`)!;
          const at = list.findIndex(([other]) => other === id);
          for (const step of [-1, 1]) {
            for (let i = at, passed = 0; i >= 0 && i < list.length; i += step) {
              const [neighbour, listed] = list[i]!;
              if (listed && i !== at && ++passed > NEIGHBOURHOOD) break;
              // a neighbour in the last build that is still there: its page now
              const url = now.articles[neighbour]?.[1];
              if (url) pages.articles.add(url);
            }
          }
        }
      }
    }
  }
  return pages;
}

/** Whether an article names the same entities, in the same order, in two snapshots (no JSON made: 4,000 to 100,000 articles compared a build). */
function sameEntities(a: Record<Kind, string[]>, b: Record<Kind, string[]>): boolean {
  return KINDS.every((kind) => sameList(a[kind], b[kind]));
}

/** The copies of the stories of `ids`, in either snapshot. */
function storyCopies(ids: Set<string>, now: SiteSnapshot, last: SiteSnapshot): Set<string> {
  const stories = new Set<string>();
  for (const id of ids) for (const snapshot of [now, last]) {
    const entry = snapshot.articles[id];
    if (entry) stories.add(entry[6]);
  }
  const copies = new Set<string>();
  for (const snapshot of [now, last]) for (const [id, entry] of Object.entries(snapshot.articles)) if (stories.has(entry[6])) copies.add(id);
  return copies;
}

/** For the entities the changed articles name, the articles that name them in site order: [id, whether the entity lists it]. */
function entityLists(snapshot: SiteSnapshot, changed: Set<string>): Map<string, [string, boolean][]> {
  const wanted = new Set<string>();
  for (const id of changed) {
    const entry = snapshot.articles[id];
    if (entry) for (const kind of RELATED_KINDS) for (const e of entry[4][kind]) wanted.add(`${kind}/${e}`);
  }
  const lists = new Map<string, [number, string, boolean][]>([...wanted].map((k) => [k, []]));
  for (const [id, entry] of Object.entries(snapshot.articles)) {
    for (const kind of RELATED_KINDS) {
      // (a snapshot written before stories has no entry[7]: every article listed)
      for (const e of entry[4][kind]) lists.get(`${kind}/${e}`)?.push([entry[3], id, !entry[7]?.includes(`${kind}/${e}`)]);
    }
  }
  return new Map([...lists].map(([k, v]) => [k, v.sort((a, b) => a[0] - b[0]).map(([, id, listed]) => [id, listed])]));
}
