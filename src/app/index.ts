/**
 * The claimcheck GitHub App: wires webhook events to the use cases. No logic lives here beyond
 * what every delivery shares: a redelivered id is handled once, the delivery's log lines carry its
 * id, repository and installation, and its outcome is counted (metrics.ts).
 */
import type { Probot } from 'probot';
import { onComment } from './command-handler.js';
import { RecentDeliveries } from './deliveries.js';
import { depsOf, pullRequestTarget, pushTarget } from './events.js';
import { addsDeliveryFields, currentDelivery, deliveryFields, inDelivery, type DeliveryScope } from './logging.js';
import { recordDelivery, recordVerification } from './metrics.js';
import { rerun, rerunOfCheckRun, rerunOfCheckSuite } from './rerun.js';
import { verifyCommit } from './verify-commit.js';
import { onWorkflowRunCompleted } from './workflow-run.js';

/** The slice of a Probot context every delivery has. */
interface Delivery {
  id: string;
  name: string;
  payload: unknown;
  log: Probot['log'];
}

/** The delivery's scope: its id, and the repository and installation the (verified) payload names. */
function scopeOf(context: Delivery): DeliveryScope {
  const payload = context.payload as { repository?: { full_name?: string }; installation?: { id?: number } };
  return {
    delivery: context.id,
    ...(payload.repository?.full_name ? { repository: payload.repository.full_name } : {}),
    ...(typeof payload.installation?.id === 'number' ? { installation: payload.installation.id } : {}),
  };
}

/**
 * `handle`, run once per delivery id: a redelivery answers 2xx and does nothing (a delivery that
 * failed is forgotten, so its redelivery runs again). Its log lines carry the delivery's fields.
 */
export function oncePerDelivery<C extends Delivery>(deliveries: RecentDeliveries, handle: (context: C) => Promise<void>): (context: C) => Promise<void> {
  return (context) => {
    const fields = scopeOf(context);
    // The server opened the delivery's scope with its id; the verified payload completes it
    const open = currentDelivery();
    const scope = open?.delivery === context.id ? Object.assign(open, fields) : fields;
    scope.handled = true;
    return inDelivery(scope, async () => {
      // the App's logger adds the scope's fields to every line; any other gets a child that binds them
      if (!addsDeliveryFields(context.log)) context.log = context.log.child(deliveryFields(scope));
      if (!deliveries.begin(context.id)) {
        context.log.info({ event: context.name }, 'redelivery of a delivery already handled or in progress: nothing done');
        recordDelivery(context.name, 'duplicate');
        return;
      }
      try {
        await handle(context);
      } catch (error) {
        deliveries.finish(context.id, false);
        recordDelivery(context.name, 'failed');
        throw error;
      }
      deliveries.finish(context.id, true);
      recordDelivery(context.name, 'processed');
    });
  };
}

/** A verification, counted by conclusion with its duration. */
async function timed(run: () => Promise<string>): Promise<void> {
  const started = performance.now();
  let conclusion = 'error';
  try {
    conclusion = await run();
  } finally {
    recordVerification(conclusion, (performance.now() - started) / 1000);
  }
}

export default function claimcheckApp(app: Probot): void {
  const deliveries = new RecentDeliveries();
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

  app.on(
    'push',
    oncePerDelivery(deliveries, async (context) => {
      const target = pushTarget(context);
      if (target) await timed(() => verifyCommit(depsOf(context, botLogin), target));
    }),
  );
  app.on(
    ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'],
    oncePerDelivery(deliveries, async (context) => {
      await timed(() => verifyCommit(depsOf(context, botLogin), pullRequestTarget(context), 'once'));
    }),
  );
  app.on(
    ['check_run.rerequested', 'check_run.requested_action'],
    oncePerDelivery(deliveries, async (context) => {
      const request = rerunOfCheckRun(context);
      if (request) await timed(() => rerun(depsOf(context, botLogin), request));
    }),
  );
  app.on(
    'check_suite.rerequested',
    oncePerDelivery(deliveries, async (context) => {
      await timed(() => rerun(depsOf(context, botLogin), rerunOfCheckSuite(context)));
    }),
  );
  app.on(
    'issue_comment.created',
    oncePerDelivery(deliveries, (context) => onComment(context, depsOf(context, botLogin))),
  );
  app.on(
    'workflow_run.completed',
    oncePerDelivery(deliveries, async (context) => {
      await timed(() => onWorkflowRunCompleted(context, botLogin));
    }),
  );
}
