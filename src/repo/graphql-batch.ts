/**
 * Coalesces GraphQL fields into as few queries as GitHub allows. Probot's throttle spaces every
 * GraphQL call about a second apart per installation, so the reader never sends a query per fact:
 * every field asked for in the same turn of the event loop goes out as one aliased query (at most
 * MAX_ALIASES fields each, the chunks in flight together). Values are always passed as variables,
 * never spliced into the query text. A chunk GitHub refuses for its resource limits is split in
 * halves and retried; a field that alone exceeds them is answered with an error.
 */
import type { GitHubClient, GitHubRepository } from './github-client.js';

export const MAX_ALIASES = 100;

/** One field's answer: its value (null when GitHub found nothing) or GitHub's error for it. */
export type FieldAnswer = { value: unknown; error?: undefined } | { value: null; error: string };

interface Pending {
  /** The selection, with `$name` for each of its variables. */
  selection: string;
  variables: Record<string, { type: string; value: unknown }>;
  resolve: (answer: FieldAnswer) => void;
  reject: (error: unknown) => void;
}

interface GraphQLFailure {
  data?: { repository?: Record<string, unknown> | null } | null;
  errors?: Array<{ type?: string; path?: Array<string | number>; message: string }>;
}

export class GraphQLBatcher {
  private queue: Pending[] = [];
  /** Queries sent so far (benchmarks and tests count round trips). */
  queries = 0;

  constructor(
    private readonly client: GitHubClient,
    private readonly repository: GitHubRepository,
    private readonly maxAliases = MAX_ALIASES,
  ) {}

  /**
   * Asks for one field of `repository`, e.g. `object(expression: $e) { oid }` with
   * `{ e: { type: 'String!', value: 'HEAD' } }`. Resolves with the field's value or its error;
   * rejects when the whole query fails (network, 5xx, bad credentials).
   */
  field(selection: string, variables: Pending['variables']): Promise<FieldAnswer> {
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.flush());
      this.queue.push({ selection, variables, resolve, reject });
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    for (let i = 0; i < batch.length; i += this.maxAliases) void this.send(batch.slice(i, i + this.maxAliases));
  }

  private async send(chunk: Pending[]): Promise<void> {
    const variables: Record<string, unknown> = { owner: this.repository.owner, name: this.repository.repo };
    const declarations = ['$owner: String!', '$name: String!'];
    const fields = chunk.map((pending, i) => {
      let selection = pending.selection;
      for (const [name, { type, value }] of Object.entries(pending.variables)) {
        const renamed = `f${i}_${name}`;
        variables[renamed] = value;
        declarations.push(`$${renamed}: ${type}`);
        selection = selection.replace(new RegExp(`\\$${name}\\b`, 'g'), `$${renamed}`);
      }
      return `f${i}: ${selection}`;
    });
    const query = `query(${declarations.join(', ')}) { repository(owner: $owner, name: $name) { ${fields.join(' ')} } }`;
    this.queries++;
    let data: Record<string, unknown> | null;
    const errors = new Map<string, string>();
    try {
      data = (await this.client.graphql<{ repository: Record<string, unknown> | null }>(query, variables)).repository;
    } catch (error) {
      const failure = error as GraphQLFailure;
      if (failure.errors?.some((e) => e.type === 'RESOURCE_LIMITS_EXCEEDED' || /resource limits/i.test(e.message))) return this.split(chunk, failure);
      if (!failure.errors || failure.data === undefined || failure.errors.some((e) => typeof e.path?.[1] !== 'string')) {
        for (const pending of chunk) pending.reject(error);
        return;
      }
      for (const e of failure.errors) errors.set(String(e.path![1]), e.message);
      data = failure.data?.repository ?? null;
    }
    chunk.forEach((pending, i) => {
      const error = errors.get(`f${i}`);
      pending.resolve(error === undefined ? { value: data?.[`f${i}`] ?? null } : { value: null, error });
    });
  }

  private async split(chunk: Pending[], failure: GraphQLFailure): Promise<void> {
    if (chunk.length === 1) {
      chunk[0]!.resolve({ value: null, error: failure.errors?.[0]?.message ?? 'resource limits exceeded' });
      return;
    }
    const half = Math.ceil(chunk.length / 2);
    await Promise.all([this.send(chunk.slice(0, half)), this.send(chunk.slice(half))]);
  }
}
