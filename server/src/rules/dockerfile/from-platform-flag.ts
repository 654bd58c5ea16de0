import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { modelOf } from '../../dockerfile/util';

/** A hard-coded `--platform` defeats multi-platform builds. */
export const rule = defineRule({
  id: 'dockerfile/from-platform-flag',
  title: 'FROM with a hard-coded --platform',
  severity: 'warning',
  appliesTo: ['dockerfile'],
  aliases: ['hadolint:DL3029', 'docker:FromPlatformFlagConstDisallowed'],
  options: {
    allowInStageName: {
      type: 'boolean',
      default: false,
      description:
        "Do not flag a stage whose name contains the platform's OS or architecture (`AS build-arm64`): Docker's `FromPlatformFlagConstDisallowed` behaviour. Off: every constant platform is flagged, as hadolint's DL3029 does.",
    },
  },
  docs: `\`FROM --platform=linux/amd64 …\` forces one architecture, so \`docker buildx build --platform linux/arm64\`
silently produces an amd64 image (run under emulation). Leave the platform to the build, or use the
predefined arguments (\`--platform=$BUILDPLATFORM\` for cross-compiling builder stages, \`$TARGETPLATFORM\`),
which are not flagged.

Docker's build check \`FromPlatformFlagConstDisallowed\` also accepts a constant platform when the stage's name
contains its OS or architecture (\`FROM --platform=linux/arm64 golang:1.23 AS build-arm64\`), taking the name as
proof the pin is deliberate; \`allowInStageName: true\` selects that behaviour. By default it is flagged, as
hadolint's DL3029 does.`,
  remediation: 'Remove `--platform`, or use `--platform=$BUILDPLATFORM` / `$TARGETPLATFORM`.',
  check(ctx) {
    const out: Finding[] = [];
    const allowInStageName = ctx.settings.option<boolean>('allowInStageName') === true;
    for (const st of modelOf(ctx).stages) {
      const flag = st.from.getPlatformFlag();
      const v = flag?.getValue() ?? '';
      if (!flag || v.includes('$')) continue;
      if (allowInStageName && st.name) {
        const [os = '', arch = ''] = v.toLowerCase().split('/');
        const name = st.name.toLowerCase();
        if ((os && name.includes(os)) || (arch && name.includes(arch))) continue;
      }
      out.push({ message: `--platform=${v} pins the stage to one platform.`, range: flag.getRange() });
    }
    return out;
  },
});
