import { describe, expect, it } from '@jest/globals';
import { distinctiveTerms, examineRelevance, splitIdentifier, stem } from '../../src/verify/relevance.js';

describe('splitIdentifier', () => {
  it.each([
    ['send_audio', ['send', 'audio']],
    ['sendAudio', ['send', 'audio']],
    ['CircuitBreaker', ['circuit', 'breaker']],
    ['parseGitHubURL', ['parse', 'git', 'hub', 'url']],
    ['HTTPServer', ['http', 'server']],
    ['MAX_RETRY_COUNT', ['max', 'retry', 'count']],
    ['retry-policy', ['retry', 'policy']],
    ['--dry-run', ['dry', 'run']],
    ['MD5Hash', ['md5', 'hash']],
    ['client.send_audio()', ['client', 'send', 'audio']],
    ['exponential backoff', ['exponential', 'backoff']],
    ['', []],
  ])('splits %j into %j', (text, parts) => {
    expect(splitIdentifier(text)).toEqual(parts);
  });
});

describe('stem', () => {
  it.each([
    ['breakers', 'breaker'],
    ['retries', 'retri'],
    ['retrying', 'retri'],
    ['retried', 'retri'],
    ['retry', 'retri'],
    ['caching', 'cach'],
    ['caches', 'cach'],
    ['cache', 'cach'],
    ['handled', 'handl'],
    ['handle', 'handl'],
    ['processes', 'proces'],
    ['process', 'proces'],
    ['status', 'status'],
    ['running', 'run'],
    ['run', 'run'],
    ['added', 'ad'],
    ['add', 'ad'],
  ])('folds %s to %s', (word, folded) => {
    expect(stem(word)).toBe(folded);
  });
});

describe('distinctiveTerms', () => {
  it('drops stop words and words any description uses', () => {
    expect(distinctiveTerms('Circuit breaker instantiation')).toEqual({ identifiers: [], words: ['circuit', 'breaker'] });
    expect(distinctiveTerms('retry with exponential backoff')).toEqual({ identifiers: [], words: ['retry', 'exponential', 'backoff'] });
    expect(distinctiveTerms('Added the implementation of the new handling logic and its helper function')).toEqual({ identifiers: [], words: [] });
  });

  it('takes code spans first: a name alone in a span is an identifier', () => {
    expect(distinctiveTerms('`send_audio()` wrapped with circuit breaker')).toEqual({ identifiers: ['send_audio'], words: ['circuit', 'breaker'] });
    expect(distinctiveTerms('`CircuitBreaker` and `client.send(chunk, timeout=5)`')).toEqual({ identifiers: ['CircuitBreaker', 'client', 'send'], words: [] });
  });

  it('reads a path in a code span as its file name', () => {
    expect(distinctiveTerms('loads `config/settings.yaml`')).toEqual({ identifiers: ['settings'], words: ['loads'] });
    expect(distinctiveTerms('`and/or`')).toEqual({ identifiers: [], words: [] });
  });

  it('counts the names of a command or an expression in a span as words, not identifiers', () => {
    expect(distinctiveTerms('hunk mapping, as `git log -L` does')).toEqual({ identifiers: [], words: ['git', 'log', 'hunk', 'mapping'] });
    expect(distinctiveTerms('`await self.breaker.call(send_chunk)`')).toEqual({ identifiers: [], words: ['breaker', 'call', 'send_chunk'] });
  });

  it('names each term once, and not again when an identifier already holds it', () => {
    expect(distinctiveTerms('`send_audio` sends audio; retries, retry')).toEqual({ identifiers: ['send_audio'], words: ['retries', 'retry'] });
    expect(distinctiveTerms('Retry, retry and RETRY')).toEqual({ identifiers: [], words: ['retry'] });
  });

  it('keeps acronyms of two letters, drops other short words and numbers', () => {
    expect(distinctiveTerms('DB pool of 10 conns, up to 3 s')).toEqual({ identifiers: [], words: ['db', 'pool', 'conns'] });
    expect(distinctiveTerms("the user's token, don't log it")).toEqual({ identifiers: [], words: ['user', 'token', 'log'] });
  });

  it('finds nothing distinctive in generic or empty text', () => {
    expect(distinctiveTerms('')).toEqual({ identifiers: [], words: [] });
    expect(distinctiveTerms('code added, tests passing')).toEqual({ identifiers: [], words: [] });
    expect(distinctiveTerms('`return` `None`')).toEqual({ identifiers: [], words: [] });
  });
});

describe('examineRelevance', () => {
  const gemini = [
    'def connect(self):',
    '    self.client = genai.Client(api_key=self.key)',
    '    self.session = self.client.live.connect(model=MODEL)',
    '    return self.session',
  ];
  const guarded = [
    '# calls to the provider trip the breaker after five failures',
    'breaker = CircuitBreaker(fail_max=5)',
    '',
    'def send_audio(chunk):',
    '    return breaker.call(session.send, chunk)',
  ];

  it('finds a range relevant when it mentions the distinctive terms', () => {
    expect(examineRelevance(guarded, 'Circuit breaker instantiation')).toEqual({ relevant: true });
    expect(examineRelevance(guarded, '`send_audio()` wrapped with circuit breaker')).toEqual({ relevant: true });
  });

  it('finds a range irrelevant when it does not mention them, naming what is missing', () => {
    expect(examineRelevance(gemini, 'Circuit breaker instantiation')).toEqual({
      relevant: false,
      missing: ['circuit', 'breaker'],
      why: 'do not mention "circuit breaker" (missing: circuit, breaker)',
    });
    expect(examineRelevance([gemini[1]!], 'circuit breaker')).toMatchObject({ relevant: false, why: expect.stringMatching(/^does not mention/) });
  });

  it('has nothing to compare without a distinctive term', () => {
    expect(examineRelevance(gemini, '')).toBeNull();
    expect(examineRelevance(gemini, 'the implementation, added with support')).toBeNull();
  });

  it('matches across identifier styles and case', () => {
    const lines = ['const sendAudio = (c) => circuit_breaker.fire(c); // GITHUB-RETRY-POLICY'];
    expect(examineRelevance(lines, '`send_audio`')).toEqual({ relevant: true });
    expect(examineRelevance(lines, 'CircuitBreaker')).toEqual({ relevant: true });
    expect(examineRelevance(lines, 'github retry policy')).toEqual({ relevant: true });
    expect(examineRelevance(['parseGitHubUrl(text)'], 'GitHub')).toEqual({ relevant: true });
    expect(examineRelevance(['parseGitHubUrl(text)'], 'github')).toEqual({ relevant: true });
  });

  it('finds an identifier by its parts when they stand apart', () => {
    expect(examineRelevance(['send(audio)'], '`send_audio()`')).toEqual({ relevant: true });
    expect(examineRelevance(['send(video)'], '`send_audio()`')).toMatchObject({ relevant: false, missing: ['send_audio'] });
  });

  it('stems plurals and -ing / -ed endings, and words that share their first six letters', () => {
    expect(examineRelevance(['for attempt in range(retries):'], 'retrying')).toEqual({ relevant: true });
    expect(examineRelevance(['def cached(fn):'], 'caching')).toEqual({ relevant: true });
    expect(examineRelevance(['breakers = {}'], 'breaker')).toEqual({ relevant: true });
    expect(examineRelevance(['ancestorsAmong(ref)'], 'ancestry')).toEqual({ relevant: true });
    expect(examineRelevance(['ancestorsAmong(ref)'], 'ancient')).toMatchObject({ relevant: false });
  });

  it('counts comments and docstrings as mentions', () => {
    expect(examineRelevance(['    """Exponential backoff between attempts."""', '    time.sleep(2 ** n)'], 'exponential backoff')).toEqual({ relevant: true });
    expect(examineRelevance(['// retry with jitter', 'x();'], 'jitter')).toEqual({ relevant: true });
  });

  describe('threshold: every identifier alone in a code span, and half of all terms, rounded up', () => {
    it('passes with half of the words', () => {
      expect(examineRelevance(['retry(fn, backoff)'], 'retry with exponential backoff')).toEqual({ relevant: true }); // 2 of 3
      expect(examineRelevance(['backoff = 2'], 'exponential backoff')).toEqual({ relevant: true }); // 1 of 2
    });

    it('fails with fewer than half of the words', () => {
      expect(examineRelevance(['retry(fn)'], 'retry with exponential backoff')).toEqual({
        relevant: false,
        missing: ['exponential', 'backoff'],
        why: 'does not mention "retry exponential backoff" (missing: exponential, backoff)',
      });
    });

    it('fails without an identifier, however many words match', () => {
      expect(examineRelevance(['breaker = CircuitBreaker()'], '`send_audio()` wrapped with circuit breaker')).toEqual({
        relevant: false,
        missing: ['send_audio'],
        why: 'does not mention "send_audio circuit breaker" (missing: send_audio)',
      });
    });

    it('counts identifiers among the terms: with them all found, fewer words may do', () => {
      expect(examineRelevance(['def send_audio(chunk):', '    breaker.call(chunk)'], '`send_audio()` wrapped with circuit breaker')).toEqual({ relevant: true });
      expect(examineRelevance(['def send_audio(chunk):', '    session.send(chunk)'], '`send_audio()` wrapped with circuit breaker')).toMatchObject({
        relevant: false,
        missing: ['circuit', 'breaker'],
      });
      expect(examineRelevance(["spawn('git', ['cat-file', '--batch'])"], 'one `cat-file --batch` for all blobs')).toEqual({ relevant: true });
    });
  });
});
