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
import { ENTITY_KINDS as KINDS, type LinkedArticle, type SiteData } from './link.ts';

/** Around an article in an entity's list, how far a related list can reach (page-models' window, both ways, and one for the shift an insertion makes). */
export const NEIGHBOURHOOD = 201;

type Kind = (typeof KINDS)[number];
/** The lists related articles are drawn from (page-models.ts relatedArticles). */
const RELATED_KINDS: readonly Kind[] = ['companies', 'people', 'metals'];

/** The snapshot's layout: a snapshot of another (an older build's) is not compared. */
const SNAPSHOT_LAYOUT = 4;

/**
 * What the next build compares with: every article's inputs, in site order, and every entity's
 * name. An article is a string or two, not a tuple of lists: at 100,000 articles a build makes,
 * writes, reads and compares two of these, and each object in them is one more for V8 to copy
 * and collect.
 */
export interface SiteSnapshot {
  layout: typeof SNAPSHOT_LAYOUT;
  /** The articles' ids in site order: an article's place is its index. */
  ids: string[];
  /** Each article's inputs as other pages show them (shownOf), by place: an article whose string is the one it had is unchanged. */
  shown: string[];
  /** The names of the people each article quotes, one a line, by place. */
  quoted: string[];
  /** The stories of more than one copy: story id → its copies' ids. */
  stories: Map<string, string[]>;
  /** kind → id → what pages show of it: its name (a company's aliases and former names, a person's roles), as JSON. */
  entities: Record<Kind, Record<string, string>>;
}

/** Where shownOf puts an article's page, story, each kind's ids, the entities that list its story by another copy, its date and its people's roles' companies. */
const URL_FIELD = 1;
const STORY_FIELD = 2;
const ENTITY_FIELD: Record<Kind, number> = { companies: 3, people: 4, metals: 5, topics: 6 };
const UNLISTED_FIELD = 7;
const DATE_FIELD = 8;
/** The companies its people's roles name: a company lists an article that names one of its people so (link.ts). */
const ROLES_FIELD = 9;
/**
 * What an entity's list is made of, of an article's fields (its place aside): its story, the copies
 * the entity does not list, the ids of that kind it names, and for companies its people's roles.
 */
const LIST_FIELDS = (kind: Kind) => [STORY_FIELD, UNLISTED_FIELD, ENTITY_FIELD[kind], ...(kind === 'companies' ? [ROLES_FIELD] : [])];

/** An article as shownOf wrote it. */
interface ArticleShown {
  digest: string;
  url: string;
  story: string;
  entities: Record<Kind, string[]>;
  /** The `kind/id` of the entities that list its story by another copy. */
  unlisted: string[];
  /** Its date, '' for none. */
  date: string;
  /** The companies its people's roles name, as written. */
  roles: string;
  title: string;
}

/**
 * An article's inputs as one string: its source digest, page, story, the ids of the entities it
 * names by kind, the entities that list its story by another copy (`unlisted`, `kind/id`), its
 * date, the companies its people's roles name, and its title last (the only part that may hold a
 * tab). Ids are slugs: a space parts a list of them. Made without an object and four lists for it
 * (made, compared and written at 100,000 articles: 617 ms with them, 519 without).
 */
function shownOf(a: LinkedArticle, unlisted: ReadonlySet<string> | undefined): string {
  const unlistedField = unlisted?.size ? [...unlisted].sort().join(' ') : '';
  // joined, not concatenated: a flat string (a concatenation is a tree of parts, flattened when compared or written)
  const roles = a.people.some((p) => p.company) ? a.people.map((p) => p.company?.replace(/[\t\n]/g, ' ') ?? '').join('\n') : '';
  return [a.record.source.digest, a.url, a.story, idsOf(a.companies), idsOf(a.people), idsOf(a.metals), idsOf(a.topics), unlistedField, a.date ?? '', roles, a.title].join('\t');
}

/** The ids of a list of entities, a space between them. */
function idsOf(list: readonly { id: string }[]): string {
  let out = '';
  for (let i = 0; i < list.length; i++) out += i === 0 ? list[i]!.id : ` ${list[i]!.id}`;
  return out;
}

/** The fields of a string shownOf made. */
function readShown(shown: string): ArticleShown {
  const fields: string[] = [];
  let at = 0;
  for (let n = 0; n < 10; n++) {
    const tab = shown.indexOf('\t', at);
    fields.push(shown.slice(at, tab));
    at = tab + 1;
  }
  const list = (field: string) => (field ? field.split(' ') : []);
  const [digest, url, story, companies, people, metals, topics, unlisted, date, roles] = fields as [string, string, string, string, string, string, string, string, string, string];
  return { digest, url, story, entities: { companies: list(companies), people: list(people), metals: list(metals), topics: list(topics) }, unlisted: list(unlisted), date, roles, title: shown.slice(at) };
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
  /**
   * The kinds whose every list is the one it was: no article was added, removed or moved, and none
   * changed what such a list is made of (LIST_FIELDS): the same articles in the same order, cut
   * into the same pages. An older page of one changes only if it holds a changed article.
   */
  sameLists: Set<Kind>;
  /**
   * Whether every article's related articles are the ones they were: the lists they are drawn
   * from are (sameLists) and no changed article has another date. A neighbour's page then changes
   * only if its related list holds a changed article (an edit to an article's text or title).
   */
  sameRelated: boolean;
}

export function snapshotOf(site: SiteData): SiteSnapshot {
  const ids: string[] = [];
  const shown: string[] = [];
  const quoted: string[] = [];
  for (const a of site.articles) {
    ids.push(a.id);
    shown.push(shownOf(a, site.unlisted.get(a.id)));
    let speakers = '';
    if (a.quotes.length > 0) {
      const named = new Set<string>();
      for (const q of a.quotes) if (q.speaker) named.add(q.speaker);
      speakers = [...named].join('\n');
    }
    quoted.push(speakers);
  }
  const entities = { companies: {}, people: {}, metals: {}, topics: {} } as SiteSnapshot['entities'];
  for (const c of site.companies) entities.companies[c.id] = JSON.stringify([c.name, c.aliases, c.formerNames]);
  for (const p of site.people) entities.people[p.id] = JSON.stringify([p.name, p.roles.map((r) => [r.role, r.company, r.companyId])]);
  for (const kind of ['metals', 'topics'] as const) for (const e of site[kind]) entities[kind][e.id] = JSON.stringify([e.name]);
  return { layout: SNAPSHOT_LAYOUT, ids, shown, quoted, stories: site.stories, entities };
}

/**
 * The pages the difference between `last` and `site` can reach, or null when it can reach any
 * (an entity that both know is named otherwise: every page that links it shows the name).
 */
export function changedPages(now: SiteSnapshot, last: SiteSnapshot): ChangedPages | null {
  if (last.layout !== SNAPSHOT_LAYOUT) return null;
  const pages: ChangedPages = { articles: new Set(), entities: new Set(), ids: new Set(), sameLists: new Set(), sameRelated: false };
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
  const nowPlace = placesOf(now);
  const lastPlace = placesOf(last);
  // a person added or gone: the articles that quote that name link it, or no longer
  const peopleNamed = new Set<string>();
  for (const [snapshot, other] of [[now, last], [last, now]] as const) {
    for (const [id, shown] of Object.entries(snapshot.entities.people)) if (other.entities.people[id] === undefined) peopleNamed.add((JSON.parse(shown) as [string])[0]);
  }
  if (peopleNamed.size) {
    now.quoted.forEach((names, place) => {
      if (names && names.split('\n').some((name) => peopleNamed.has(name))) pages.articles.add(fieldOf(now.shown[place]!, URL_FIELD));
    });
  }
  const changed = new Set<string>();
  now.ids.forEach((id, place) => {
    const before = lastPlace.get(id);
    if (before === undefined || last.shown[before] !== now.shown[place]) changed.add(id);
  });
  for (const id of last.ids) if (!nowPlace.has(id)) changed.add(id);
  for (const id of storyCopies(changed, [now, nowPlace], [last, lastPlace])) changed.add(id);

  pages.ids = changed;
  /** Whether every changed article is where it was, with these fields as they were. */
  const sameFields = (fields: number[]) =>
    [...changed].every((id) => {
      const place = nowPlace.get(id);
      return place !== undefined && place === lastPlace.get(id) && fields.every((field) => fieldOf(now.shown[place]!, field) === fieldOf(last.shown[place]!, field));
    });
  pages.sameLists = new Set(KINDS.filter((kind) => sameFields(LIST_FIELDS(kind))));
  pages.sameRelated = RELATED_KINDS.every((kind) => pages.sameLists.has(kind)) && sameFields([DATE_FIELD]);
  if (changed.size === 0) return pages;
  // each changed article as each snapshot has it
  const entries = (snapshot: SiteSnapshot, places: Map<string, number>) => {
    const read = new Map<string, ArticleShown>();
    for (const id of changed) {
      const place = places.get(id);
      if (place !== undefined) read.set(id, readShown(snapshot.shown[place]!));
    }
    return read;
  };
  const nowEntries = entries(now, nowPlace);
  const lastEntries = entries(last, lastPlace);
  const nowLists = entityLists(now, nowEntries);
  const lastLists = entityLists(last, lastEntries);
  for (const id of changed) {
    for (const [snapshotEntries, lists] of [[nowEntries, nowLists], [lastEntries, lastLists]] as const) {
      const entry = snapshotEntries.get(id);
      if (!entry) continue;
      pages.articles.add(entry.url);
      for (const kind of KINDS) {
        for (const entity of entry.entities[kind]) {
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
              const place = nowPlace.get(neighbour);
              if (place !== undefined) pages.articles.add(fieldOf(now.shown[place]!, URL_FIELD));
            }
          }
        }
      }
    }
  }
  return pages;
}

/** Each article's place in the snapshot's order, by id. */
function placesOf(snapshot: SiteSnapshot): Map<string, number> {
  return new Map(snapshot.ids.map((id, place) => [id, place]));
}

/**
 * The copies of the stories of `ids`, in either snapshot: a story of more than one copy has them
 * listed; a story of one is its article, whose id is the story's.
 */
function storyCopies(ids: Set<string>, ...snapshots: [SiteSnapshot, Map<string, number>][]): Set<string> {
  const stories = new Set<string>();
  for (const id of ids) {
    for (const [snapshot, places] of snapshots) {
      const place = places.get(id);
      if (place !== undefined) stories.add(readShown(snapshot.shown[place]!).story);
    }
  }
  const copies = new Set<string>();
  for (const story of stories) {
    for (const [snapshot, places] of snapshots) {
      const listed = snapshot.stories.get(story);
      if (listed) for (const id of listed) copies.add(id);
      else {
        const place = places.get(story);
        if (place !== undefined && readShown(snapshot.shown[place]!).story === story) copies.add(story);
      }
    }
  }
  return copies;
}

/**
 * For the entities the changed articles (`entries`) name, the articles that name them in site
 * order: [id, whether the entity lists it]. Only an article whose string holds one of their ids
 * is looked at, and only the fields of its lists.
 */
function entityLists(snapshot: SiteSnapshot, entries: Map<string, ArticleShown>): Map<string, [string, boolean][]> {
  const lists = new Map<string, [string, boolean][]>();
  const wanted = new Map<Kind, string[]>(RELATED_KINDS.map((kind) => [kind, []]));
  for (const entry of entries.values()) {
    for (const kind of RELATED_KINDS) {
      for (const e of entry.entities[kind]) {
        if (lists.has(`${kind}/${e}`)) continue;
        lists.set(`${kind}/${e}`, []);
        wanted.get(kind)!.push(e);
      }
    }
  }
  const ids = [...new Set([...wanted.values()].flat())];
  snapshot.shown.forEach((shown, place) => {
    if (!ids.some((id) => shown.includes(id))) return;
    const unlisted = fieldOf(shown, UNLISTED_FIELD);
    for (const kind of RELATED_KINDS) {
      const names = fieldOf(shown, ENTITY_FIELD[kind]);
      for (const e of wanted.get(kind)!) if (holdsId(names, e)) lists.get(`${kind}/${e}`)!.push([snapshot.ids[place]!, !holdsId(unlisted, `${kind}/${e}`)]);
    }
  });
  return lists;
}


/** The `n`th field of a string shownOf made (not its title). */
function fieldOf(shown: string, n: number): string {
  let at = 0;
  for (let k = 0; k < n; k++) at = shown.indexOf('\t', at) + 1;
  return shown.slice(at, shown.indexOf('\t', at));
}

/** Whether a field of ids between spaces holds `id`. */
function holdsId(field: string, id: string): boolean {
  for (let at = field.indexOf(id); at >= 0; at = field.indexOf(id, at + 1)) {
    if ((at === 0 || field[at - 1] === ' ') && (at + id.length === field.length || field[at + id.length] === ' ')) return true;
  }
  return false;
}
