// Entry point of the in-host end-to-end suite: the `extensionTestsPath` module that VS Code loads in the
// extension host (the @vscode/test-electron contract). It runs mocha over the compiled *.e2e.js files next
// to it. Runners read the results either from the console lines (`[e2e] pass|fail ...` and one final
// `[e2e] summary {...}` line) or, when E2E_RESULTS_FILE is set, from a JSON file, since not every host
// forwards the extension host's console.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface E2eTestResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

export interface E2eResults {
  passed: number;
  failed: number;
  tests: E2eTestResult[];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function writeResults(results: E2eResults): void {
  const file = process.env.E2E_RESULTS_FILE;
  if (!file) return;
  try {
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  } catch (error) {
    console.error(`[e2e] could not write ${file}: ${String(error)}`);
  }
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.e2e.js'))
    .sort();
  for (const name of files) mocha.addFile(join(__dirname, name));

  const results: E2eResults = { passed: 0, failed: 0, tests: [] };
  return new Promise<void>((resolve, reject) => {
    const finish = (problem?: string) => {
      if (problem) {
        results.failed += 1;
        results.tests.push({ title: 'in-host suite', state: 'failed', durationMs: 0, error: problem });
        console.log(`[e2e] fail in-host suite: ${oneLine(problem)}`);
      }
      console.log(`[e2e] summary ${JSON.stringify({ passed: results.passed, failed: results.failed })}`);
      writeResults(results);
      if (results.failed > 0 || results.passed === 0) {
        reject(new Error(`${results.failed} e2e test(s) failed, ${results.passed} passed`));
      } else {
        resolve();
      }
    };
    if (files.length === 0) {
      finish(`no *.e2e.js files in ${__dirname}`);
      return;
    }
    try {
      const runner = mocha.run();
      runner.on('pass', (test) => {
        results.passed += 1;
        results.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
        console.log(`[e2e] pass ${test.fullTitle()} (${test.duration ?? 0} ms)`);
      });
      // Also fires for failing hooks, so a broken before() still counts as a failure.
      runner.on('fail', (test, error: Error) => {
        results.failed += 1;
        const message = oneLine(error?.message ?? String(error));
        results.tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: message });
        console.log(`[e2e] fail ${test.fullTitle()}: ${message}`);
      });
      runner.on('end', () => finish());
    } catch (error) {
      finish(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
  });
}
