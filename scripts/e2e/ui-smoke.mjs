// The UI half of the e2e run: a few checks through the real workbench, each with a screenshot.
// Workbench selectors change between VS Code versions (these match 1.100), so this layer stays small;
// the in-host suite carries the detailed assertions.
import { join } from 'node:path';

const BAD_FILE = 'bootstrap-bad.yaml';
const DUMP_FILE = 'config-dump.json';
const SQUIGGLE = '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning';

export async function notifications(page) {
  const texts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts().catch(() => []);
  return texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** Runs one check: records pass/fail and always leaves a screenshot named after it. */
/** Right-clicks a row and runs one item of its context menu. */
export async function runContextMenuItem(page, row, label) {
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .monaco-menu .action-item', { hasText: label }).first();
  await item.waitFor({ state: 'visible', timeout: 10_000 });
  await item.hover();
  await item.click();
  // Menu items can miss a click that lands while the menu is still settling; Enter runs the focused one.
  const menu = page.locator('.context-view .monaco-menu');
  if (!(await menu.waitFor({ state: 'hidden', timeout: 2000 }).then(() => true, () => false))) {
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: 5000 });
  }
}

export async function check(context, name, screenshot, body) {
  const { page, screenshotDir, record } = context;
  try {
    const detail = await body();
    record(`ui: ${name}`, true, detail ?? '');
  } catch (error) {
    const toasts = await notifications(page);
    const shown = toasts.length ? ` [notifications: ${toasts.join(' | ')}]` : '';
    record(`ui: ${name}`, false, `${(error?.message ?? String(error)).split('\n')[0]}${shown}`);
  }
  await page.screenshot({ path: join(screenshotDir, screenshot) }).catch(() => {});
}

export async function quickInput(page, opener, text) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press(opener);
    try {
      await input.waitFor({ state: 'visible', timeout: 5000 });
      break;
    } catch {
      // the workbench may not have had keyboard focus yet
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => {});
    }
  }
  await input.fill(text);
  return input;
}

export async function openFile(page, name) {
  await quickInput(page, 'Control+P', name);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 10_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 10_000 });
}

export async function runUiSmoke({ page, baseUrl, workspace, screenshotDir, record, log }) {
  const context = { page, screenshotDir, record };
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));

  await check(context, 'workbench opens the e2e workspace', 'ui-1-workbench.png', async () => {
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: BAD_FILE }).waitFor({ timeout: 30_000 });
  });

  await check(context, `a squiggle marks the mistake in ${BAD_FILE}`, 'ui-2-squiggle.png', async () => {
    await openFile(page, BAD_FILE);
    await page.locator(SQUIGGLE).first().waitFor({ state: 'attached', timeout: 30_000 });
    return `(${await page.locator(SQUIGGLE).count()} squiggle(s))`;
  });

  await check(context, 'hovering the squiggle shows the envoy-lens message', 'ui-3-hover.png', async () => {
    const squiggle = page.locator(SQUIGGLE).first();
    const box = await squiggle.boundingBox();
    if (!box) throw new Error('no squiggle on screen to hover');
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'envoy-lens' }).first();
    // A squiggle over indentation can be narrow; aim at its middle, then fall back to the keyboard hover.
    await page.mouse.move(box.x + Math.max(box.width / 2, 1), box.y + box.height / 2 - 2, { steps: 4 });
    try {
      await hover.waitFor({ state: 'visible', timeout: 6000 });
    } catch {
      await page.mouse.click(box.x + Math.max(box.width / 2, 1), box.y + box.height / 2 - 2);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await hover.waitFor({ state: 'visible', timeout: 8000 });
    }
    await page.waitForTimeout(400); // let the fade-in finish before the screenshot
    return `("${(await hover.innerText()).replace(/\s+/g, ' ').slice(0, 100)}")`;
  });

  await check(context, 'the Problems panel lists the error', 'ui-4-problems.png', async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'envoy-lens' }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
  });

  await check(context, 'F1 runs "Envoy: Show Server Output"', 'ui-5-command.png', async () => {
    await quickInput(page, 'F1', '>Envoy: Show Server Output');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Server Output' }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 });
    // The command reveals the Output view; a failing command shows an error notification instead.
    const output = page.locator('.part.panel .output-view, .part.panel [id="workbench.panel.output"]').first();
    await output.waitFor({ state: 'visible', timeout: 10_000 });
    // The channel picker is a <select>: read the selected option, not the text of all options.
    const selected = await page
      .locator('.part.panel .monaco-select-box')
      .first()
      .evaluate((el) => (el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.text ?? '') : (el.textContent ?? '')));
    if (!/envoy/i.test(selected)) throw new Error(`the Output view shows "${selected}", not an Envoy channel`);
    const errors = page.locator('.notifications-toasts .notification-toast', { hasText: /error|not found/i });
    if (await errors.count()) throw new Error(`notification: ${(await errors.first().innerText()).replace(/\s+/g, ' ')}`);
    return `(channel "${selected.trim()}")`;
  });

  await check(context, 'the Explorer shows the "Envoy Config Dump" view', 'ui-6-config-dump-view.png', async () => {
    await page.keyboard.press('Control+Shift+E');
    const header = page.locator('.part.sidebar .pane-header', { hasText: /Envoy Config Dump/i }).first();
    await header.waitFor({ state: 'visible', timeout: 10_000 });
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    await page.waitForTimeout(500);
  });

  await check(context, `"Load Config Dump" on ${DUMP_FILE} fills the view`, 'ui-7-config-dump-loaded.png', async () => {
    const file = page.locator('.explorer-folders-view .monaco-list-row', { hasText: DUMP_FILE }).first();
    await runContextMenuItem(page, file, 'Load Config Dump');
    const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: /Envoy Config Dump/i }) });
    const rows = pane.locator('.monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
    // Expanding the first row (the dump) shows what was read from it.
    if ((await rows.first().getAttribute('aria-expanded')) === 'false') await rows.first().click();
    await page.waitForTimeout(800);
    const labels = (
      await rows.evaluateAll((elements) =>
        elements.map((row) =>
          [...row.querySelectorAll('.label-name, .label-description')].map((part) => part.textContent?.trim()).join(' — '),
        ),
      )
    ).filter(Boolean);
    if (labels.length < 2) throw new Error(`the view shows only ${JSON.stringify(labels)}`);
    return `(${labels.slice(0, 4).join('; ')}${labels.length > 4 ? '; …' : ''})`;
  });

  if (problems.length) log(`page errors during the UI smoke test: ${problems.slice(0, 5).join(' | ')}`);
}
