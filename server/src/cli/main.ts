import { runCli } from './run';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`envoy-lens: ${(error as Error).message ?? error}\n`);
    process.exitCode = 2;
  },
);
