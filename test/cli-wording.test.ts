/**
 * The command line's wording, through the built CLI on real files: option errors (our own wording,
 * not Node's parser's) in zh-CN and en, `yaml-syntax` messages, the stylish summary line, JUnit
 * failures and the notices on stderr, each in the chosen locale; and the gates that must not be
 * bypassed (`--quiet` with `--max-warnings`, `--stdin-filename` without `--stdin`).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../src/report/format.js';
import { ROOT, cli } from './helpers.js';

const ERRORS = 'examples/fujian-with-errors';

function tempCopy(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'qdl-wording-'));
  cpSync(join(ROOT, from), dir, { recursive: true });
  return dir;
}

/** examples/fujian with one warning: a trailing space in an item name (text/whitespace). */
function withOneWarning(): string {
  const dir = tempCopy('examples/fujian');
  const file = join(dir, '350502', '市场监管.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('name: 食品经营许可（新办）', 'name: "食品经营许可（新办） "'));
  return dir;
}

describe('option errors: one line, exit 2, worded in the locale', () => {
  const cases: [string[], string, string][] = [
    [['--formt', 'json'], '未知选项 --formt（是否应为「--format」？），用法见 --help', 'unknown option --formt (did you mean "--format"?); see --help'],
    [['--no-such-flag', '.'], '未知选项 --no-such-flag，用法见 --help', 'unknown option --no-such-flag; see --help'],
    [['-quiet', '.'], '未知选项 -quiet（是否应为「--quiet」？），用法见 --help', 'unknown option -quiet (did you mean "--quiet"?); see --help'],
    [['-x'], '未知选项 -x，用法见 --help', 'unknown option -x; see --help'],
    [['--nocolor'], '未知选项 --nocolor（是否应为「--no-color」？），用法见 --help', 'unknown option --nocolor (did you mean "--no-color"?); see --help'],
    [['--no-fix', '.'], '未知选项 --no-fix，用法见 --help', 'unknown option --no-fix; see --help'],
    [['.', '--format'], '选项 --format 缺少取值，用法见 --help', 'option --format needs a value; see --help'],
    [['--format', '--quiet', '.'], '选项 --format 缺少取值，用法见 --help', 'option --format needs a value; see --help'],
    [['-f'], '选项 -f 缺少取值，用法见 --help', 'option -f needs a value; see --help'],
    [['--quiet=yes', '.'], '选项 --quiet 不带取值（收到「yes」），用法见 --help', 'option --quiet takes no value (got "yes"); see --help'],
    [['--no-color=1', '.'], '选项 --no-color 不带取值（收到「1」），用法见 --help', 'option --no-color takes no value (got "1"); see --help'],
    [['--format', 'pdf', '.'], `--format 的取值「pdf」无效，可选：${FORMAT_NAMES.join('、')}`, `--format: unknown value "pdf"; use ${FORMAT_NAMES.join(', ')}`],
    [['--format=jsn', '.'], `--format 的取值「jsn」无效，可选：${FORMAT_NAMES.join('、')}（是否应为「json」？）`, `--format: unknown value "jsn"; use ${FORMAT_NAMES.join(', ')} (did you mean "json"?)`],
    [['--preset', 'strcit', '.'], '--preset 的取值「strcit」无效，可选：recommended、five-consistencies、strict、two-lists、three-levels-four-same（是否应为「strict」？）', '--preset: unknown value "strcit"; use recommended, five-consistencies, strict, two-lists, three-levels-four-same (did you mean "strict"?)'],
    [['--max-warnings', '-1', '.'], '--max-warnings 需要不小于 0 的整数，收到「-1」', '--max-warnings needs a whole number >= 0, got "-1"'],
    [['--threads', '0', '.'], '--threads 至少为 1', '--threads needs at least 1'],
    [['--stdin'], '--stdin 需要同时给出 --stdin-filename（这段文本代表的文件路径）', '--stdin needs --stdin-filename (the path the text stands for)'],
    [['no/such/dir'], '没有文件与「no/such/dir」匹配', 'no files matched "no/such/dir"'],
    [['350502/*.yml'], '没有文件与「350502/*.yml」匹配', 'no files matched "350502/*.yml"'],
    [['--stdin-filename', 'x.yaml'], '--stdin-filename 只能与 --stdin 一起使用；要检查文件，请直接给出路径', '--stdin-filename only works with --stdin; to lint a file, give its path'],
  ];

  it.each(cases)('%j', (args, zh, en) => {
    const z = cli(args, { cwd: join(ROOT, ERRORS) });
    expect(z).toEqual({ code: 2, stdout: '', stderr: `qingdan-lint: ${zh}\n` });
    // --locale anywhere on the line, before or after the mistake.
    const e = cli(['--locale', 'en', ...args], { cwd: join(ROOT, ERRORS) });
    expect(e).toEqual({ code: 2, stdout: '', stderr: `qingdan-lint: ${en}\n` });
    expect(cli([...args, '--locale=en'], { cwd: join(ROOT, ERRORS) }).stderr).toBe(`qingdan-lint: ${en}\n`);
  });

  it('--locale itself wrong: the choices, in the config locale or zh-CN', () => {
    expect(cli(['--locale', 'fr', '.'], { cwd: join(ROOT, ERRORS) })).toEqual({ code: 2, stdout: '', stderr: 'qingdan-lint: --locale 的取值「fr」无效，可选：zh-CN、en\n' });
    expect(cli(['--locale', 'EN', '.'], { cwd: join(ROOT, ERRORS) }).stderr).toBe('qingdan-lint: --locale 的取值「EN」无效，可选：zh-CN、en（是否应为「en」？）\n');
  });

  it("without --locale, the config's locale words the error; --locale overrides it", () => {
    const dir = tempCopy('examples/fujian');
    writeFileSync(join(dir, 'qingdan-lint.config.yaml'), 'locale: en\n');
    expect(cli(['--formt', 'json'], { cwd: dir }).stderr).toBe('qingdan-lint: unknown option --formt (did you mean "--format"?); see --help\n');
    expect(cli(['--locale', 'fr'], { cwd: dir }).stderr).toBe('qingdan-lint: --locale: unknown value "fr"; use zh-CN, en\n');
    expect(cli(['--locale', 'zh-CN', '--formt', 'json'], { cwd: dir }).stderr).toBe('qingdan-lint: 未知选项 --formt（是否应为「--format」？），用法见 --help\n');
    // A config named with --config counts too; one that cannot be read falls back to zh-CN.
    writeFileSync(join(dir, 'other.yaml'), 'locale: zh-CN\n');
    expect(cli(['--config', 'other.yaml', '--formt'], { cwd: dir }).stderr).toBe('qingdan-lint: 未知选项 --formt（是否应为「--format」？），用法见 --help\n');
    writeFileSync(join(dir, 'qingdan-lint.config.yaml'), 'locale: [en\n');
    expect(cli(['--formt', 'json'], { cwd: dir }).stderr).toBe('qingdan-lint: 未知选项 --formt（是否应为「--format」？），用法见 --help\n');
  });

  it('everything after -- is a path, even if it looks like an option', () => {
    const r = cli(['--format', 'json', '--', '--quiet'], { cwd: join(ROOT, ERRORS) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('qingdan-lint: 没有文件与「--quiet」匹配\n');
  });
});

describe('yaml-syntax messages are ours, in both locales', () => {
  // [file text, messageId, line:column, zh-CN, en]
  const cases: [string, string, string, string, string][] = [
    [
      'region: { code: "350502", name: 鲤城区, level: district }\nitems:\n  - code: "000122001000"\n    name: 食品经营许可\n   type: 行政许可\n',
      'missingDash',
      '5:1',
      '缩进不对：这一行既不是以「- 」开头的列表项，也没有与上一项的字段对齐',
      'Wrong indentation: this line neither starts a list item with "- " nor lines up with the fields of the item above',
    ],
    [
      'region: { code: "350502", name: 鲤城区, level: district }\nitems:\n  - code: "000122001000"\n    name 食品经营许可\n',
      'missingColon',
      '4:5',
      '「name 食品经营许可」后面缺少「:」：映射中的每一行应写成「键: 值」',
      'Missing ":" after "name 食品经营许可": each line of a mapping is "key: value"',
    ],
    [
      'region: { code: "350502", name: 鲤城区, level: district }\nitems:\n  - code: "000122001000"\n    name: 食品经营许可: 新办\n',
      'nestedMapping',
      '4:11',
      '一行里出现了第二个「: 」：值中含有「: 」时，请给整个值加引号',
      'A second ": " on one line: quote the whole value when it contains ": "',
    ],
    [
      'region: { code: "350502", name: 鲤城区, level: district }\nitems:\n  - code: "000122001000\n    name: 食品经营许可\n',
      'unclosedQuote',
      '5:1',
      '引号没有闭合：缺少与开头配对的「"」',
      'Unclosed quote: the closing " is missing',
    ],
    [
      'region: { code: "350502", name: 鲤城区, level: district }\nitems:\n  - code: "000122001000"\n    basis: ["《食品安全法》", "《条例》"\n    name: 食品经营许可\n',
      'flowUnclosed',
      '5:5',
      '方括号或花括号写法缺少结尾的「]」，或后面的行缩进不够',
      'A bracketed list or mapping lacks its closing "]", or a line after it is not indented enough',
    ],
    [
      'region: { code: "350502", name: 鲤城区, level: district }\nitems:\n  - code: "000122001000"\n    name: "食品经营许可\\（新办）"\n',
      'badEscape',
      '4:18',
      '双引号内的转义「\\（」无效：反斜杠本身要写成「\\\\」，或改用单引号',
      'Invalid escape "\\（" in double quotes: write a backslash as "\\\\", or use single quotes',
    ],
    [
      'region: { code: "350502", name: 鲤城区, level: district }\nitems:\n  - code: "000122001000"\n    name: @食品经营许可\n',
      'reservedStart',
      '4:11',
      '不加引号的值不能以「@」开头，请给值加引号',
      'A value cannot start with "@" unless it is quoted',
    ],
    [
      'region: { code: "350502", name: 鲤城区, level: district }\nitems:\n  - code: "000122001000"\n    name: 食品经营许可\n    materials: *shenqing\n',
      'unknownAnchor',
      '5:16',
      '别名「*shenqing」引用的锚点「&shenqing」不存在',
      'Alias "*shenqing" refers to no anchor "&shenqing"',
    ],
  ];

  it.each(cases)('%#: %s', (text, messageId, at, zh, en) => {
    const dir = mkdtempSync(join(tmpdir(), 'qdl-syntax-'));
    writeFileSync(join(dir, 'broken.yaml'), text);
    for (const [locale, message] of [['zh-CN', zh], ['en', en]]) {
      const r = cli(['--format', 'json', '--locale', locale, 'broken.yaml'], { cwd: dir });
      expect(r.code).toBe(1);
      const diagnostics = JSON.parse(r.stdout).files[0].diagnostics;
      expect(diagnostics.map((d: { ruleId: string; messageId: string; line: number; column: number; message: string }) => [d.ruleId, d.messageId, `${d.line}:${d.column}`, d.message])).toEqual([['yaml-syntax', messageId, at, message]]);
      // Only facts in data: never the parser's English sentence.
      expect(JSON.stringify(diagnostics[0].data)).not.toMatch(/[a-z]+ [a-z]+ [a-z]+/);
    }
  });

  it('the example with a syntax error, in stylish', () => {
    const zh = cli([`${ERRORS}/350503/卫生健康.yaml`]);
    expect(zh.stdout).toContain('  48:1  错误  缩进不对：这一行既不是以「- 」开头的列表项，也没有与上一项的字段对齐  yaml-syntax\n');
    const en = cli(['--locale', 'en', `${ERRORS}/350503/卫生健康.yaml`]);
    expect(en.stdout).toContain('  48:1  error  Wrong indentation: this line neither starts a list item with "- " nor lines up with the fields of the item above  yaml-syntax\n');
  });
});

describe('report wording follows the locale', () => {
  it('stylish summary line, problems and clean, zh-CN and en', () => {
    const last = (r: { stdout: string }) => r.stdout.trimEnd().split('\n').at(-1);
    expect(last(cli([ERRORS]))).toBe('✖ 15 个问题（12 个错误，3 个警告），共 17 个文件、11 个区划、98 个事项');
    expect(last(cli(['--locale', 'en', ERRORS]))).toBe('✖ 15 problems (12 errors, 3 warnings) in 17 files, 11 regions, 98 items');
    expect(cli(['examples/fujian']).stdout).toBe('✔ 未发现问题，共 18 个文件、12 个区划、111 个事项\n');
    expect(cli(['--locale', 'en', 'examples/fujian']).stdout).toBe('✔ no problems in 18 files, 12 regions, 111 items\n');
    expect(last(cli(['--locale', 'en', `${ERRORS}/350503/卫生健康.yaml`]))).toBe('✖ 1 problem (1 error, 0 warnings) in 1 file, 0 regions, 0 items');
  });

  it('stylish in en has no Chinese punctuation outside the data', () => {
    const r = cli(['--locale', 'en', ERRORS]);
    expect(r.stdout).toContain('\n      upper: 公共场所卫生许可\n      here:  公共场所卫生许可{+证核发+}\n');
    expect(r.stdout).toContain('\n      ↳ reference: the corresponding node at 福建省 (350000): examples/fujian-with-errors/350000/市场监管.yaml:312:26\n');
    // The lines the tool words itself (not code frames, which quote the files).
    const own = r.stdout.split('\n').filter((l) => !/^\s+>?\s*\d* \|/.test(l) && !/^ {6}(upper|here):/.test(l));
    expect(own.filter((l) => /[：，（）、；]/.test(l.replace(/"[^"]*"/g, '')))).toEqual([]);
  });

  it('JUnit failure message and text, zh-CN and en', () => {
    const zh = cli(['--format', 'junit', ERRORS]).stdout;
    expect(zh).toContain('<failure type="error" message="1 个错误，0 个警告">');
    expect(zh).toContain('34:15 错误 申报材料「营业执照副本复印件」与上级清单的「营业执照复印件」名称不一致（consistency/materials）');
    expect(zh).not.toMatch(/ errors?, \d+ warnings?/);
    const en = cli(['--format', 'junit', '--locale', 'en', ERRORS]).stdout;
    expect(en).toContain('<failure type="error" message="1 error, 0 warnings">');
    expect(en).toContain('34:15 error Material "营业执照副本复印件" is named "营业执照复印件" at the upper level (consistency/materials)');
    expect(en).not.toMatch(/个错误|错误 /);
  });

  it('notices on stderr: too many warnings, fixed files', () => {
    const dir = withOneWarning();
    expect(cli(['--max-warnings', '0', '.'], { cwd: dir }).stderr).toBe('qingdan-lint: 警告过多：1 个，超过 --max-warnings 0\n');
    expect(cli(['--max-warnings', '0', '--locale', 'en', '.'], { cwd: dir }).stderr).toBe('qingdan-lint: too many warnings: 1, more than --max-warnings 0\n');
    const fixDir = withOneWarning();
    expect(cli(['--fix-dry-run', '--format', 'json', '.'], { cwd: fixDir }).stderr).toBe('qingdan-lint: 可自动修复 1 个文件（未写入）：350502/市场监管.yaml\n');
    expect(cli(['--fix-dry-run', '--format', 'json', '--locale', 'en', '.'], { cwd: fixDir }).stderr).toBe('qingdan-lint: would fix 1 file(s): 350502/市场监管.yaml\n');
  });

  it("no config and no --locale: the config's locale words notices", () => {
    const dir = withOneWarning();
    writeFileSync(join(dir, 'qingdan-lint.config.yaml'), 'locale: en\n');
    expect(cli(['--max-warnings', '0', '.'], { cwd: dir }).stderr).toBe('qingdan-lint: too many warnings: 1, more than --max-warnings 0\n');
  });
});

describe('gates that cannot be bypassed', () => {
  it('--quiet hides warnings but --max-warnings still counts them', () => {
    const dir = withOneWarning();
    const r = cli(['--quiet', '--max-warnings', '0', '--format', 'json', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary.warnings).toBe(0);
    expect(r.stderr).toBe('qingdan-lint: 警告过多：1 个，超过 --max-warnings 0\n');
    expect(cli(['--quiet', '--max-warnings', '1', '.'], { cwd: dir }).code).toBe(0);
    expect(cli(['--quiet', '.'], { cwd: dir }).code).toBe(0);
  });

  it('--stdin-filename without --stdin is exit 2, not a lint of the whole tree', () => {
    const r = cli(['--stdin-filename', '350502/市场监管.yaml', '--format', 'json'], { cwd: join(ROOT, ERRORS) });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'qingdan-lint: --stdin-filename 只能与 --stdin 一起使用；要检查文件，请直接给出路径\n' });
  });
});
