/**
 * Relevance: a range cited with a description (`gemini.py:71-79: Circuit breaker instantiation`)
 * must mention what the description says it holds. The description's distinctive terms are the
 * names in its code spans and its content words (stop words, and words any description uses such
 * as "implementation" or "added", are dropped); the cited lines, comments included, are split into
 * the same terms. A name a code span holds alone (`send_audio()`) must be mentioned, and at least
 * half (rounded up) of all the distinctive terms. The comparison is lexical: it catches a range that
 * holds something else, not a range that names the right things but does the wrong thing. Pure.
 */

export interface Terms {
  /** Names from code spans that hold one name, as written (`send_audio`): each must be mentioned. */
  identifiers: string[];
  /** Names from other code spans (`git`, `log`), then content words of the prose, lower-cased (`circuit`). */
  words: string[];
}

export type Relevance = { relevant: true } | { relevant: false; missing: string[]; why: string };

/** English function words: never distinctive. */
const STOP = new Set(
  `a about above across after again against all almost along already also although always am among an and another any anything are
  around as at away be because been before being below between both but by can cannot could did do does doing done down during each
  either else enough etc even ever every few for from further get gets got had has have having he her here hers him his how however i
  if in inside instead into is it its itself just least less like many may me might more most much must my near neither never no nor
  not now of off often on once one only onto or other others otherwise our ours out over own per rather same several she should since
  so some something such than that the their theirs them themselves then there these they this those though three through thus to
  together too two under until up upon us very via was we well were what when whenever where whether which while who whom whose why
  will with within without would yet you your yours eg ie vs`.split(/\s+/),
);

/**
 * Words any description may use, whatever the code: what was done to it ("added", "wrapped"), what
 * it is ("function", "logic", "implementation"), where it is ("file", "lines"), how it went
 * ("passing"). Compared by stem, so "adds", "adding" and "added" all go.
 */
const GENERIC = `implementation implement add addition function method class code logic support handling handle wrap update change
  modify modification fix new existing line file section block part main core basic simple full proper properly correct correctly call
  use usage create creation instantiation instantiate initialization initialise initialize setup feature functionality behaviour behavior
  work complete helper utility module component stuff thing way various multiple specific general related relevant based ensure make
  allow enable provide include contain hold define definition declare declaration test unit cover coverage pass fail success successful
  see note done land merge ship pr`.split(/\s+/);

/** Keywords and names of no domain met in code spans (`await`, `self`, `None`): not identifiers. */
const KEYWORDS = new Set(
  `and or not in is if else elif for while do return def class function fn func let const var new await async yield import from export
  default self this cls super none null nil undefined true false public private protected static void int str string bool boolean
  float double char long lambda try catch except finally raise throw throws pass break continue switch case typeof instanceof of as
  end then begin with`.split(/\s+/),
);

/** Identifier windows joined for a match: `CircuitBreaker` mentions "circuitbreaker" and "breaker". */
const MAX_JOIN = 5;
/** Words of this many letters or more that share their first ones match (`ancestry`, `ancestors`). */
const PREFIX = 6;

const GENERIC_STEMS = new Set(GENERIC.map(stem));

/**
 * The words of an identifier or a phrase, lower-cased: camelCase, PascalCase, snake_case,
 * kebab-case, dotted names and spaces all split (`parseGitHubURL` → parse, git, hub, url).
 */
export function splitIdentifier(text: string): string[] {
  return text
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((part) => part.length > 0)
    .map((part) => part.toLowerCase());
}

/**
 * A simple stem, the same on both sides of the comparison: plural, -ing and -ed endings, a final
 * `e`, a doubled final consonant and a final `y` are folded (`retries`, `retrying`, `retried` →
 * `retri`; `caches`, `caching` → `cach`).
 */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 3) {
    if (/(?:ies|ied)$/.test(w) && w.length > 4) w = `${w.slice(0, -3)}y`;
    else if (w.endsWith('sses')) w = w.slice(0, -2);
    else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
    if (w.endsWith('ing') && w.length >= 6) w = w.slice(0, -3);
    else if (w.endsWith('ed') && w.length >= 5) w = w.slice(0, -2);
    if (w.endsWith('e') && w.length >= 4) w = w.slice(0, -1);
  }
  return w.replace(/([b-df-hj-np-tv-z])\1$/, '$1').replace(/y$/, 'i');
}

/**
 * The terms a description names. A code span that holds one name (`send_audio()`, `CircuitBreaker`,
 * `client.send`, `src/retry.py`) gives identifiers; a code span that holds a command or an
 * expression (`git log -L`) gives its names as words, for it may name a tool rather than the code.
 * Then the content words of the prose, each once.
 */
export function distinctiveTerms(description: string): Terms {
  const identifiers: string[] = [];
  const words: string[] = [];
  const seen = new Set<string>();
  const take = (into: string[], term: string): void => {
    const key = splitIdentifier(term).join('');
    if (seen.has(key)) return;
    seen.add(key);
    into.push(term);
  };
  const spans: string[] = [];
  const prose = description.replace(/(`+)([^`]+?)\1/g, (_, _fence: string, code: string) => {
    spans.push(code.trim());
    return ' ';
  });
  for (const code of spans) {
    // `send_audio(chunk)` names send_audio; its arguments are not required
    const callee = code.replace(/\s*\(.*\)\s*;?$/s, '');
    if (/\s/.test(callee)) for (const name of codeNames(code)) take(words, name);
    else for (const name of codeNames(callee)) take(identifiers, name);
  }
  const covered = new Set(identifiers.flatMap(splitIdentifier).map(stem));
  for (const m of prose.matchAll(/[\p{L}\p{N}_]+(?:['’][\p{L}]+)?/gu)) {
    const word = contentWord(m[0]);
    if (word !== null && !covered.has(stem(word))) take(words, word);
  }
  return { identifiers, words };
}

/**
 * Whether `lines` mention what `description` says they hold; null when the description names
 * nothing distinctive (nothing to compare). Comments and strings count as mentions.
 */
export function examineRelevance(lines: string[], description: string): Relevance | null {
  const { identifiers, words } = distinctiveTerms(description);
  const terms = [...identifiers, ...words];
  if (terms.length === 0) return null;
  const index = indexOf(lines);
  const missing = terms.filter((term) => !mentions(index, term));
  const identifierMissing = identifiers.some((term) => missing.includes(term));
  if (!identifierMissing && terms.length - missing.length >= Math.ceil(terms.length / 2)) return { relevant: true };
  const verb = lines.length === 1 ? 'does' : 'do';
  return { relevant: false, missing, why: `${verb} not mention "${terms.join(' ')}" (missing: ${missing.join(', ')})` };
}

/** The names in a code span, keywords left out; a path stands for its file's name (`src/retry.py` → `retry`). */
function codeNames(code: string): string[] {
  let text = code.trim();
  if (/^[^\s/]*\/\S+$/.test(text)) text = (text.split('/').pop() ?? '').split('.')[0] ?? '';
  const names = text.match(/[\p{L}_$][\p{L}\p{N}_$]*(?:-[\p{L}\p{N}_$]+)*/gu) ?? [];
  return names.filter((name) => name.replace(/[_$]/g, '').length > 1 && !KEYWORDS.has(name.toLowerCase()) && splitIdentifier(name).length > 0);
}

/** A word of prose that is distinctive, lower-cased; null for stop words, generic words, numbers. */
function contentWord(token: string): string | null {
  const apostrophe = token.search(/['’]/);
  if (apostrophe !== -1 && !/['’]s$/i.test(token)) return null; // "don't", "it'll": function words
  const raw = apostrophe === -1 ? token : token.slice(0, apostrophe);
  const word = raw.toLowerCase();
  if (!/\p{L}/u.test(word) || STOP.has(word) || GENERIC_STEMS.has(stem(word))) return null;
  // two letters are a word only as an acronym (DB, UI); otherwise "is", "ok", "up"
  if (word.replace(/_/g, '').length < 3 && !/^\p{Lu}[\p{Lu}\p{N}]$/u.test(raw)) return null;
  return word;
}

interface Index {
  forms: Set<string>;
  prefixes: Set<string>;
}

/** Every identifier of the lines, split, with its runs of adjacent parts joined. */
function indexOf(lines: string[]): Index {
  const index: Index = { forms: new Set(), prefixes: new Set() };
  for (const m of lines.join('\n').matchAll(/[\p{L}\p{N}_$]+(?:-[\p{L}\p{N}_$]+)*/gu)) {
    const parts = splitIdentifier(m[0]);
    for (let i = 0; i < parts.length; i++) {
      let joined = '';
      for (let j = i; j < Math.min(parts.length, i + MAX_JOIN); j++) {
        joined += parts[j];
        index.forms.add(joined);
        index.forms.add(stem(joined));
        if (j === i && joined.length >= PREFIX) index.prefixes.add(joined.slice(0, PREFIX));
      }
    }
  }
  return index;
}

/** `word` among the lines' forms; a single word also by its first letters (`ancestry`, `ancestors`). */
function has(index: Index, word: string, single: boolean): boolean {
  if (word.length === 0) return false;
  if (index.forms.has(word) || index.forms.has(stem(word))) return true;
  return single && word.length >= PREFIX && index.prefixes.has(word.slice(0, PREFIX));
}

/** A term is mentioned as a whole (`send_audio`, `sendAudio`, `SENDAUDIO`), or by all its parts. */
function mentions(index: Index, term: string): boolean {
  const parts = splitIdentifier(term);
  return has(index, parts.join(''), parts.length === 1) || (parts.length > 1 && parts.every((part) => has(index, part, true)));
}
