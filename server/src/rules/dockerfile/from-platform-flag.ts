import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** A hard-coded `--platform` defeats multi-platform builds. */
export const rule = defineRule({
  id: 'dockerfile/from-platform-flag',
  title: 'FROM with a hard-coded --platform',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3029'],
  docs: `\`FROM --platform=linux/amd64 …\` forces one architecture, so \`docker buildx build --platform linux/arm64\`
silently produces an amd64 image (run under emulation). Leave the platform to the build, or use the
predefined arguments (\`--platform=$BUILDPLATFORM\` for cross-compiling builder stages, \`$TARGETPLATFORM\`),
which are not flagged.`,
  remediation: 'Remove `--platform`, or use `--platform=$BUILDPLATFORM` / `$TARGETPLATFORM`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const st of modelOf(ctx).stages) {
      const flag = st.from.getPlatformFlag();
      const v = flag?.getValue() ?? '';
      if (!flag || v.includes('$')) continue;
      out.push({ message: `--platform=${v} pins the stage to one platform.`, range: flag.getRange() });
    }
    return out;
  },
});
