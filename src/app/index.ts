/** The claimcheck GitHub App: wires webhook events to the use cases. No logic lives here. */
import type { Probot } from 'probot';
import { onComment } from './command-handler.js';
import { depsOf, pullRequestTarget, pushTarget } from './events.js';
import { rerun, rerunOfCheckRun, rerunOfCheckSuite } from './rerun.js';
import { verifyCommit } from './verify-commit.js';

export default function claimcheckApp(app: Probot): void {
  let login: Promise<string> | undefined;
  // The app's own login (`<slug>[bot]`), asked once per process with the app's JWT
  const botLogin = (): Promise<string> => {
    login ??= app
      .auth()
      .then((octokit) => octokit.rest.apps.getAuthenticated())
      .then(({ data }) => `${data?.slug ?? 'claimcheck'}[bot]`)
      .catch((error: unknown) => {
        login = undefined;
        throw error;
      });
    return login;
  };

  app.on('push', async (context) => {
    const target = pushTarget(context);
    if (target) await verifyCommit(depsOf(context, botLogin), target);
  });
  app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], async (context) => {
    await verifyCommit(depsOf(context, botLogin), pullRequestTarget(context), 'once');
  });
  app.on(['check_run.rerequested', 'check_run.requested_action'], async (context) => {
    const request = rerunOfCheckRun(context);
    if (request) await rerun(depsOf(context, botLogin), request);
  });
  app.on('check_suite.rerequested', async (context) => {
    await rerun(depsOf(context, botLogin), rerunOfCheckSuite(context));
  });
  app.on('issue_comment.created', (context) => onComment(context, depsOf(context, botLogin)));
}
