// Runs a command-line entry point: its number becomes the exit code; a failure prints only the error's class
// and code, since driver messages can embed SQL bindings (personal data).
export function runCli(main: () => Promise<number>): void {
  // Piped into `head`: stop quietly when the reader goes away.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const e = error as { name?: string; code?: string; problems?: string[] };
      process.stderr.write(e.problems ? `${String((error as Error).message)}\n` : `Error: ${e.name ?? 'Error'} ${e.code ?? ''}\n`);
      process.exitCode = 1;
    },
  );
}
