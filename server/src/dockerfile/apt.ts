/**
 * apt configuration as apt reads it where a command runs: `-o Name=value` (or `--option`) on the
 * command, else an `/etc/apt/apt.conf.d` entry that an earlier instruction of the stage (or of a
 * stage it is built `FROM`) writes (`RUN echo 'APT::Install-Recommends "false";' > …`, or a `COPY`
 * heredoc). Names are case-insensitive, as in apt.
 */
import { sectionOf, type DockerModel, type RunCommand, type Section, type Stage } from './model';

/** A boolean as apt's configuration reads it; undefined when apt would not read one. */
export function aptBool(v: string): boolean | undefined {
  const s = v.trim().toLowerCase();
  if (['true', 'yes', 'with', 'on', 'enable', '1'].includes(s)) return true;
  if (['false', 'no', 'without', 'off', 'disable', '0'].includes(s)) return false;
  return undefined;
}

/** The value of `name` in an `-o` argument of the command. */
function fromOptions(c: RunCommand, name: string): string | undefined {
  const lower = name.toLowerCase();
  let value: string | undefined;
  for (let i = 0; i < c.args.length; i++) {
    const v = c.args[i]!.value ?? '';
    let setting: string | undefined;
    if (v === '-o' || v === '--option') setting = c.args[i + 1]?.value;
    else if (v.startsWith('--option=')) setting = v.slice('--option='.length);
    else if (v.startsWith('-o') && v.length > 2) setting = v.slice(2);
    const eq = setting?.indexOf('=') ?? -1;
    if (setting && eq > 0 && setting.slice(0, eq).toLowerCase() === lower) value = setting.slice(eq + 1);
  }
  return value;
}

/** The value an apt.conf text gives `name` (`Name "value";`, quotes possibly escaped for `echo`). */
function fromConfText(text: string, name: string): string | undefined {
  const lower = text.toLowerCase();
  const key = name.toLowerCase();
  let value: string | undefined;
  for (let at = lower.indexOf(key); at >= 0; at = lower.indexOf(key, at + key.length)) {
    const after = text.slice(at + key.length, at + key.length + 40);
    const m = /^\s*\\?["']\s*([A-Za-z0-9]+)\s*\\?["']|^\s*=\s*([A-Za-z0-9]+)/.exec(after);
    if (m) value = m[1] ?? m[2];
  }
  return value;
}

function parentOf(m: DockerModel, st: Section): Stage | undefined {
  const image = (st as Partial<Stage>).image;
  if (!image?.isStage) return undefined;
  const name = image.text.toLowerCase();
  return m.stages.find((s) => s.index < st.index && s.name?.toLowerCase() === name);
}

/** The value an apt.conf.d file written in the section (and the stages it is built from) gives `name`. */
function fromConfFiles(m: DockerModel, st: Section, line: number, name: string, depth = 0): string | undefined {
  const parent = depth < 20 ? parentOf(m, st) : undefined;
  let value = parent ? fromConfFiles(m, parent, Number.MAX_SAFE_INTEGER, name, depth + 1) : undefined;
  const text = m.doc.text;
  for (const di of st.instructions) {
    if (di.onbuild || di.range.end.line >= line) continue;
    if (di.keyword !== 'RUN' && di.keyword !== 'COPY' && di.keyword !== 'ADD') continue;
    const body = text.slice(m.doc.lines.offsetAt(di.range.start), m.doc.lines.offsetAt(di.range.end));
    if (!body.includes('apt.conf')) continue;
    value = fromConfText(body, name) ?? value;
  }
  return value;
}

/** The value of apt option `name` (`APT::Install-Recommends`) for command `c`, if the file sets it. */
export function aptOption(m: DockerModel, c: RunCommand, name: string): string | undefined {
  const own = fromOptions(c, name);
  if (own !== undefined) return own;
  const st = sectionOf(m, c.run.di.stage);
  // Written earlier in the same RUN (`echo … > /etc/apt/apt.conf.d/x && apt-get install …`).
  const before = c.segment.text.slice(0, c.cmd.start);
  const here = before.includes('apt.conf') ? fromConfText(before, name) : undefined;
  if (here !== undefined) return here;
  return st ? fromConfFiles(m, st, c.run.di.range.start.line, name) : undefined;
}
