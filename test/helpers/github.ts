/** Octokit clients for tests (every request goes to nock or a loopback server) and GraphQL validation. */
import { schema as published } from '@octokit/graphql-schema';
import { buildClientSchema, parse, validate, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { ProbotOctokit } from 'probot';

let schema: GraphQLSchema | undefined;

/** GitHub's real GraphQL schema (@octokit/graphql-schema), built once. */
export function githubSchema(): GraphQLSchema {
  if (!schema) {
    schema = buildClientSchema(published.json as unknown as IntrospectionQuery);
  }
  return schema;
}

/** The validation errors of `query` against GitHub's schema (empty when it is valid). */
export function schemaErrors(query: string): string[] {
  return validate(githubSchema(), parse(query)).map((e) => e.message);
}

/** An Octokit with a fixed token and no retries or throttling, so tests see every request once. */
export function testOctokit(baseUrl = 'https://api.github.com'): InstanceType<typeof ProbotOctokit> {
  return new ProbotOctokit({ auth: { token: 'test-token' }, baseUrl, retry: { enabled: false }, throttle: { enabled: false } });
}

/**
 * ProbotOctokit without retries or throttling, for a Probot under test. A function default: Probot
 * passes its own throttle options per instance, which an object default would not override.
 */
export function unthrottled(): typeof ProbotOctokit {
  return ProbotOctokit.defaults((options: Record<string, unknown>) => ({
    ...options,
    retry: { enabled: false },
    throttle: { ...(options['throttle'] as object | undefined), enabled: false },
  }));
}
