import type { DemoCredentials } from '@profilehub/api';

/**
 * What the server prints once it listens. Secrets never go to the terminal (it ends up in CI logs, screen
 * shares and journald): the demo sign-in names where its password is, the credentials file (mode 0600).
 */
export function startupBanner(opts: {
  apiUrl: string;
  adminUrl: string;
  database: string;
  demo: DemoCredentials | null;
  credentialsPath: string;
}): string {
  const lines = [
    '',
    `  Profilehub API  ${opts.apiUrl}   (tRPC at /trpc, health at /healthz, /readyz)`,
    `  Admin UI        ${opts.adminUrl}`,
    `  Database        ${opts.database}`,
  ];
  if (opts.demo) {
    const { admin } = opts.demo;
    lines.push(
      '',
      '  Demo workspace created:',
      `    sign in at ${admin.url} as workspace "${admin.workspace}", user "${admin.username}"`,
      `    its password, an API token and every vendor credential: ${opts.credentialsPath}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
