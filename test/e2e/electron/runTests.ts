// Runs the in-host e2e suite in a downloaded desktop VS Code through @vscode/test-electron, for machines
// that can reach the VS Code update service (`npm run test:electron`). It tests the unpackaged
// extension at the repository root, built into dist/ beforehand.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // Compiled to out/test/e2e/electron/, so the repository root is four levels up.
  const repoRoot = resolve(__dirname, '..', '..', '..', '..');
  const extensionTestsPath = resolve(__dirname, '..', 'suite', 'index.js');
  // The suite writes scratch files into its workspace, so it gets a throwaway copy.
  const scratch = mkdtempSync(join(tmpdir(), 'envoy-lens-e2e-'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(repoRoot, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { E2E_RESULTS_FILE: join(scratch, 'results.json'), E2E_UNPACKAGED: '1' },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${join(scratch, 'user-data')}`,
      ],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`e2e (test-electron) failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
