import type { ClientErrorCode } from '../index';

/** Exit codes, documented in `profilehub help`; scripts branch on them. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  unreachable: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the CLI reports as one `error: …` line and a specific exit code. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  constructor(exitCode: ExitCode, message: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export class UsageError extends CliError {
  constructor(message: string, hint = 'run "profilehub help" for usage') {
    super(ExitCode.usage, hint ? `${message} (${hint})` : message);
  }
}

export function exitCodeFor(code: ClientErrorCode): ExitCode {
  switch (code) {
    case 'BAD_REQUEST':
      return ExitCode.usage;
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return ExitCode.auth;
    case 'NOT_FOUND':
      return ExitCode.notFound;
    case 'UNREACHABLE':
    case 'SERVICE_UNAVAILABLE':
      return ExitCode.unreachable;
    default:
      return ExitCode.failure;
  }
}
