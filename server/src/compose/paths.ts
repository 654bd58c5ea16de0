/** Where the files a Compose file names are, relative to it. Pure path arithmetic, no disk access. */
import * as path from 'node:path';
import type { ComposeBuild } from './model';

/** A build context that is a Git or HTTP URL, not a folder. */
export function isRemoteContext(context: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i.test(context);
}

/** Whether a path holds `${VAR}` interpolation, whose value is not known here. */
export function interpolated(p: string): boolean {
  return /\$\{?[A-Za-z_]/.test(p);
}

/** The absolute build context folder of a service, when it is a local folder. */
export function buildContext(composeFile: string, build: ComposeBuild): string | undefined {
  const context = build.context?.value ?? '.';
  if (isRemoteContext(context) || interpolated(context)) return undefined;
  return path.resolve(path.dirname(composeFile), context);
}

/** The absolute path of the Dockerfile a service builds (`build.dockerfile` is relative to the context). */
export function builtDockerfile(composeFile: string, build: ComposeBuild): string | undefined {
  const context = buildContext(composeFile, build);
  if (!context) return undefined;
  const dockerfile = build.dockerfile?.value ?? 'Dockerfile';
  if (interpolated(dockerfile)) return undefined;
  return path.resolve(context, dockerfile);
}
