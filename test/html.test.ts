/**
 * `--format html` in a real headless browser (the system's Chromium through playwright-core):
 * every finding is rendered with the JSON report's message, the filters change what is shown,
 * data that looks like markup renders as text and runs nothing, and no request leaves the page.
 * In CI (`CI` set) a missing browser fails the test; elsewhere the browser tests are skipped.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { format } from '../src/report/format.js';
import { stats } from '../src/stats/index.js';
import type { Report } from '../src/types.js';
import { ROOT, cli } from './helpers.js';

const CHROMIUM = process.env.QINGDAN_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_BROWSER = existsSync(CHROMIUM);
const XSS = join(ROOT, 'test', 'fixtures', 'html', 'xss');
const EXAMPLE = join(ROOT, 'examples', 'fujian-with-errors');

if (!HAVE_BROWSER && process.env.CI) {
  describe('html report in a browser', () => {
    it('needs Chromium in CI', () => {
      throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set QINGDAN_CHROMIUM`);
    });
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'qingdan-html-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let browser: Browser;

interface Opened {
  page: Page;
  requests: string[];
  dialogs: string[];
  errors: string[];
  url: string;
}

async function open(file: string): Promise<Opened> {
  const page = await browser.newPage();
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, dialogs, errors, url };
}

const shown = (page: Page) => page.$$eval('.finding', (els) => els.filter((e) => !(e as HTMLElement).hidden && (e as HTMLElement).offsetParent !== null).length);

function jsonReport(cwd: string, args: string[]): Report {
  const r = cli([...args, '-f', 'json'], { cwd });
  expect(r.code === 0 || r.code === 1, r.stderr).toBe(true);
  return JSON.parse(r.stdout) as Report;
}

describe.skipIf(!HAVE_BROWSER)('html report in a browser', () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('markup in the data renders as text and runs nothing; no request leaves the page', async () => {
    const out = join(tmp, 'xss.html');
    const r = cli(['.', '-f', 'html', '-o', out], { cwd: XSS });
    expect(r.code).toBe(1);
    const json = jsonReport(XSS, ['.']);
    const o = await open(out);
    const { page } = o;
    // Nothing ran: no handler, no injected script, no dialog, no error.
    expect(await page.evaluate(() => [(window as unknown as Record<string, unknown>).__pwned, (window as unknown as Record<string, unknown>).__pwned2, (window as unknown as Record<string, unknown>).__pwned3])).toEqual([undefined, undefined, undefined]);
    expect(o.dialogs).toEqual([]);
    expect(o.errors).toEqual([]);
    // The page itself is the only request.
    expect(o.requests).toEqual([o.url]);
    // No element came from the data: the only elements of those kinds are the page's own.
    expect(await page.$$eval('img, svg[onload], b[onmouseover]', (els) => els.length)).toBe(0);
    expect(await page.$$eval('script', (els) => els.map((e) => e.getAttribute('type') ?? 'js'))).toEqual(['application/json', 'js']);
    // Every finding, in report order, worded exactly as the JSON report words it.
    const messages = json.files.flatMap((f) => f.diagnostics.map((d) => d.message));
    expect(messages).toHaveLength(2);
    expect(await page.$$eval('.finding .msg', (els) => els.map((e) => e.textContent))).toEqual(messages);
    expect(messages[0]).toContain('<img src=x onerror="window.__pwned=1;alert(1)">');
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain("name: '<script>window.__pwned2=1</script>乙'");
    expect(text).toContain('350500 泉州市<svg onload=alert(3)>');
    // The embedded statistics are the statistics, markup and all, as data.
    const embedded = JSON.parse((await page.textContent('#qingdan-lint-stats'))!);
    expect(embedded).toEqual(await stats({ cwd: XSS, config: false }));
    expect(embedded.total.steps.oneReviewOneApprovalDepartments).toContain('</script><script>window.__pwned3=1</script>');
    expect(readFileSync(out, 'utf8')).not.toMatch(/<script>window/);
    await page.close();
  });

  it('renders every finding of the example with its code frame, diff and reference; the filters hide and show them', async () => {
    const out = join(tmp, 'example.html');
    const r = cli(['examples/fujian-with-errors', '-f', 'html', '-o', out], { cwd: ROOT });
    expect(r.code).toBe(1);
    const json = jsonReport(ROOT, ['examples/fujian-with-errors']);
    const all = json.files.flatMap((f) => f.diagnostics);
    const o = await open(out);
    const { page } = o;
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(o.requests).toEqual([o.url]);
    expect(await page.$$eval('.finding', (els) => els.length)).toBe(all.length);
    expect(await shown(page)).toBe(all.length);
    expect(await page.$$eval('.finding', (els) => els.map((e) => [e.getAttribute('data-rule'), e.getAttribute('data-region'), e.querySelector('.msg')!.textContent]))).toEqual(all.map((d) => [d.ruleId, d.region, d.message]));
    // Grouped region → file, each file under its full path.
    expect(await page.$$eval('.file h4', (els) => els.map((e) => e.textContent))).toEqual(json.files.filter((f) => f.diagnostics.length).sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0)).map((f) => f.file));
    // Code frames, diffs and reference locations where the diagnostic has them.
    const renamed = all.findIndex((d) => d.diff);
    const details = await page.$$eval('.finding', (els, i) => [els[i].querySelector('pre mark')?.textContent, els[i].querySelector('.diff ins, .diff del')?.textContent, els[i].querySelector('.ref')?.textContent], renamed);
    const d = all[renamed];
    expect(details[1]).toBe(d.diff!.find(([op]) => op !== 0)![1]);
    expect(details[2]).toBe(`↳ ${d.related![0].message}：${d.related![0].file}:${d.related![0].line}:${d.related![0].column}`);
    expect(details[0]!.length).toBeGreaterThan(0);

    // Severity: no errors shown.
    await page.uncheck('input[name=severity][value=error]');
    expect(await shown(page)).toBe(all.filter((x) => x.severity !== 'error').length);
    expect(await page.textContent('#shown-count')).toBe(String(all.filter((x) => x.severity !== 'error').length));
    expect(await page.isVisible('#nothing-shown')).toBe(all.every((x) => x.severity === 'error'));
    await page.check('input[name=severity][value=error]');
    expect(await shown(page)).toBe(all.length);
    // Rule.
    await page.selectOption('select[name=rule]', 'consistency/materials');
    expect(await shown(page)).toBe(all.filter((x) => x.ruleId === 'consistency/materials').length);
    expect(await page.$$eval('.finding', (els) => els.filter((e) => !(e as HTMLElement).hidden).map((e) => e.getAttribute('data-rule')))).toEqual(all.filter((x) => x.ruleId === 'consistency/materials').map((x) => x.ruleId));
    await page.selectOption('select[name=rule]', '');
    // Region: other regions' sections disappear.
    await page.selectOption('select[name=region]', '350502');
    expect(await shown(page)).toBe(all.filter((x) => x.region === '350502').length);
    expect(await page.$$eval('.region', (els) => els.filter((e) => !(e as HTMLElement).hidden).map((e) => e.getAttribute('data-region')))).toEqual(['350502']);
    await page.selectOption('select[name=region]', '');
    expect(await shown(page)).toBe(all.length);
    // Printing hides the filters.
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('#filters', (e) => getComputedStyle(e).display)).toBe('none');
    await page.close();
  });

  it('--locale en: lang="en" and English wording; stats --format html is the page without findings', async () => {
    const out = join(tmp, 'en.html');
    expect(cli(['examples/fujian-with-errors', '-f', 'html', '-o', out, '--locale', 'en'], { cwd: ROOT }).code).toBe(1);
    let o = await open(out);
    expect(await o.page.getAttribute('html', 'lang')).toBe('en');
    expect(await o.page.textContent('h1')).toBe('Checklist lint report');
    await o.page.close();
    const statsOut = join(tmp, 'stats.html');
    expect(cli(['stats', 'examples/fujian-with-errors', '-f', 'html', '-o', statsOut], { cwd: ROOT }).code).toBe(0);
    o = await open(statsOut);
    expect(await o.page.$$eval('.finding, #findings', (els) => els.length)).toBe(0);
    expect(await o.page.$$eval('#statistics svg', (els) => els.length)).toBe(2);
    expect(o.requests).toEqual([o.url]);
    expect(o.errors).toEqual([]);
    await o.page.close();
  });

  it('stays usable at 10,000 findings: every one rendered, filters work', async () => {
    const dir = join(tmp, 'big');
    const items = (suffix: string) =>
      Array.from({ length: 2500 }, (_, i) => `  - { code: "0001${String(i).padStart(6, '0')}00", name: 事项${i}${suffix}, type: 行政许可, timeLimit: { promised: { value: 5, unit: 工作日 } }, materials: [], steps: [ { name: 受理 } ] }`).join('\n');
    const write = (code: string, name: string, level: string, suffix: string) => {
      mkdirSync(join(dir, code), { recursive: true });
      writeFileSync(join(dir, code, 'list.yaml'), `region: { code: "${code}", name: ${name}, level: ${level} }\nitems:\n${items(suffix)}\n`);
    };
    write('350000', '福建省', 'province', '');
    const cityNames = ['福州市', '厦门市', '莆田市', '三明市'];
    ['350100', '350200', '350300', '350400'].forEach((c, k) => write(c, cityNames[k], 'city', `（市${k}）`));
    const report = await lint({ cwd: dir, config: false });
    expect(report.summary.errors).toBe(10000);
    const out = join(tmp, 'big.html');
    writeFileSync(out, format(report, 'html', { cwd: dir }));
    const o = await open(out);
    expect(await o.page.$$eval('.finding', (els) => els.length)).toBe(10000);
    await o.page.selectOption('select[name=region]', '350300');
    expect(await o.page.textContent('#shown-count')).toBe('2500');
    expect(await shown(o.page)).toBe(2500);
    expect(o.requests).toEqual([o.url]);
    await o.page.close();
  }, 240_000);
});
