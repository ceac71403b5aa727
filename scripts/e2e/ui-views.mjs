// The second half of the UI layer, run after ui-smoke.mjs on the same page (config-dump.json is loaded by then):
// the dump tree expanded, an explanation webview, a hostile dump's explanation inspected inside the webview, and a
// quick fix from the light-bulb menu. Each check leaves a screenshot; the best of them illustrate the README.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, openFile, quickInput, runContextMenuItem } from './ui-smoke.mjs';

const MARKER = 'ENVOY-LENS-INJECTION-MARKER';
const QUICK_FIX_FILE = 'envoyfilter-deprecated.yaml';
const TYPO_FILE = 'typo-cluster.yaml';

function dumpPane(page) {
  return page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: /Envoy Config Dump/i }) });
}

/** The first row of the dump view whose label starts with `label`. */
function treeRow(page, label) {
  const start = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  return dumpPane(page).locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: start }) }).first();
}

/** Expands or folds by the twistie: a click on the row itself would run the item's command (open its JSON). */
async function expand(page, label, expanded = true) {
  const row = treeRow(page, label);
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  if ((await row.getAttribute('aria-expanded')) === String(!expanded)) {
    await row.locator('.monaco-tl-twistie').click();
    await page.waitForFunction(([el, want]) => el.getAttribute('aria-expanded') === want, [await row.elementHandle(), String(expanded)], { timeout: 10_000 });
  }
  return row;
}

async function showFiles(page, shown) {
  const folders = page.locator('.part.sidebar .pane-header', { hasText: /workspace-ui/i }).first();
  if ((await folders.getAttribute('aria-expanded')) === String(!shown)) await folders.click();
}

const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** Runs a command from F1 by its exact title ("Close All Editors" must not pick "… in Group"). */
async function runCommand(page, title) {
  await quickInput(page, 'F1', `>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exactly(title) }) }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 });
}

/** Each picture starts from an empty editor area, so the part it shows gets the room. */
async function closeAllEditors(page) {
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.editor-group-watermark').first().waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
}

/** Runs the tree row's inline "Explain This Listener" action, the button shown on hover. */
async function explainRow(page, label) {
  const row = treeRow(page, label);
  await row.hover();
  await row.locator('.action-label[aria-label="Explain This Listener"]').click({ timeout: 10_000 });
}

/** The frame holding the explanation page titled `heading`: webviews nest their content two iframes deep. */
async function explanationFrame(page, heading) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const text = await frame.evaluate(() => document.querySelector('h1')?.textContent ?? '').catch(() => '');
      if (text.includes(heading)) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview frame shows "${heading}"`);
}

/** Loads a file of the Explorer through its context menu, as a user would. */
async function loadFromExplorer(page, folder, name) {
  const rows = page.locator('.explorer-folders-view .monaco-list-row');
  const folderRow = rows.filter({ hasText: folder }).first();
  if ((await folderRow.getAttribute('aria-expanded')) === 'false') await folderRow.click();
  await runContextMenuItem(page, rows.filter({ hasText: name }).first(), 'Load Config Dump');
  await treeRow(page, name).waitFor({ state: 'visible', timeout: 15_000 });
}

export async function runUiViews({ page, workspace, screenshotDir, record }) {
  const context = { page, screenshotDir, record };
  // Toasts ("Loaded …", version hints) would cover the pictures; errors still show in this mode.
  await runCommand(page, 'Notifications: Toggle Do Not Disturb Mode').catch(() => {});
  await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'hidden', timeout: 3000 }).catch(() => {});

  await check(context, 'the dump tree expands listener → filter chain → HCM → route', 'ui-8-tree-expanded.png', async () => {
    await page.keyboard.press('Escape');
    await closeAllEditors(page);
    // Room for the tree: no panel, the file list folded away, a wider side bar.
    if (await page.locator('.part.panel').isVisible()) await runCommand(page, 'View: Toggle Panel Visibility');
    await showFiles(page, false);
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar && sidebar.width < 500) {
      await page.mouse.move(sidebar.x + sidebar.width + 1, sidebar.y + 300);
      await page.mouse.down();
      await page.mouse.move(sidebar.x + 560, sidebar.y + 300, { steps: 8 });
      await page.mouse.up();
    }
    for (const label of ['Listeners', '0.0.0.0_9080', 'chain 0', 'envoy.filters.network.http_connection_manager', 'Route configs', '9080', 'ratings.bookinfo']) {
      await expand(page, label);
    }
    await treeRow(page, 'any path').waitFor({ state: 'visible', timeout: 10_000 });
    await page.mouse.move(5, 300);
    await page.waitForTimeout(300);
    // The README's picture: only the side bar, down to the last row.
    const bar = await page.locator('.part.sidebar').boundingBox();
    const last = await dumpPane(page).locator('.monaco-list-row').last().boundingBox();
    if (bar && last) {
      const clip = { x: bar.x, y: bar.y, width: bar.width, height: Math.min(bar.height, last.y + last.height + 16 - bar.y) };
      await page.screenshot({ path: join(screenshotDir, 'ui-8-tree-side-bar.png'), clip });
    }
    return `(${await dumpPane(page).locator('.monaco-list-row').count()} rows)`;
  });

  await check(context, 'the inline "Explain This Listener" opens the explanation webview', 'ui-9-explanation.png', async () => {
    await closeAllEditors(page);
    await explainRow(page, '0.0.0.0_9080');
    const frame = await explanationFrame(page, '0.0.0.0_9080');
    const text = await frame.evaluate(() => document.body.innerText);
    if (!/Route configuration/.test(text)) throw new Error(`the explanation lacks its route section: ${text.slice(0, 200)}`);
    await page.waitForTimeout(300);
  });

  await check(context, 'a hostile dump\'s names show as text in the webview, none runs', 'ui-10-explanation-hostile.png', async () => {
    await closeAllEditors(page);
    // Only the hostile dump unfolded, so its rows are the ones on screen.
    await expand(page, 'config-dump.json', false);
    await showFiles(page, true);
    await loadFromExplorer(page, 'dumps', 'hostile.json');
    await showFiles(page, false);
    await expand(page, 'hostile.json');
    await expand(page, 'Listeners');
    await explainRow(page, '<script>document.title');
    const frame = await explanationFrame(page, '<script>');
    const seen = await frame.evaluate(() => ({
      title: document.title,
      heading: document.querySelector('h1')?.textContent ?? '',
      text: document.body.innerText,
      handlers: document.querySelectorAll('[onerror], [onload]').length,
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    }));
    // The page's own title shows the listener name, marker included, as text; a script would set exactly the marker.
    if (seen.title === MARKER) throw new Error('an injected script set document.title');
    if (seen.handlers > 0) throw new Error(`${seen.handlers} element(s) with inline event handlers in the page`);
    if (!seen.heading.includes('<script>document.title=')) throw new Error(`the heading does not show the name as text: ${seen.heading}`);
    if (!seen.text.includes('"><img src=x onerror=')) throw new Error('the route name is not shown as text');
    if (!/script-src 'nonce-[^']+'/.test(seen.csp) || /unsafe-inline|unsafe-eval/.test(seen.csp)) throw new Error(`CSP: ${seen.csp}`);
    return `(title "${seen.title.slice(0, 40)}…")`;
  });

  await check(context, `the light-bulb quick fix renames the deprecated filter in ${QUICK_FIX_FILE}`, 'ui-11-quick-fix.png', async () => {
    await closeAllEditors(page);
    // The editor pictures need no side bar (and no hostile dump in it).
    if (await page.locator('.part.sidebar').isVisible()) await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    const line = readFileSync(join(workspace, QUICK_FIX_FILE), 'utf8').split('\n').findIndex((text) => text.includes('name: envoy.cors')) + 1;
    await openFile(page, QUICK_FIX_FILE);
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'attached', timeout: 20_000 });
    await quickInput(page, 'Control+G', `:${line}`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    const menu = page.locator('.action-widget', { hasText: 'envoy.filters.http.cors' });
    for (let attempt = 0; attempt < 3 && !(await menu.isVisible()); attempt++) {
      await page.keyboard.press('Control+.');
      await menu.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
    }
    await menu.waitFor({ state: 'visible', timeout: 1000 });
    await page.waitForTimeout(300);
    // The menu open is the picture worth keeping; check() then saves the fixed text under the check's own name.
    await page.screenshot({ path: join(screenshotDir, 'ui-11-quick-fix-menu.png') });
    await page.keyboard.press('Enter');
    const fixed = page.locator('.monaco-editor .view-line', { hasText: 'name: envoy.filters.http.cors' });
    await fixed.first().waitFor({ state: 'visible', timeout: 10_000 });
  });

  await check(context, `hovering the misspelt field in ${TYPO_FILE} shows "did you mean"`, 'ui-12-typo-hover.png', async () => {
    await closeAllEditors(page);
    await openFile(page, TYPO_FILE);
    const squiggle = page.locator('.monaco-editor .squiggly-error').first();
    await squiggle.waitFor({ state: 'attached', timeout: 20_000 });
    const box = await squiggle.boundingBox();
    if (!box) throw new Error('no squiggle on screen to hover');
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'did you mean' }).first();
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2 - 2;
    await page.mouse.move(x, y, { steps: 4 });
    try {
      await hover.waitFor({ state: 'visible', timeout: 6000 });
    } catch {
      await page.mouse.click(x, y);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await hover.waitFor({ state: 'visible', timeout: 8000 });
    }
    await page.waitForTimeout(400); // the fade-in, before the picture
    return `("${(await hover.innerText()).replace(/\s+/g, ' ').slice(0, 90)}")`;
  });
}
