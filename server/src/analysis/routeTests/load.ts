/**
 * Loading the configurations a test file names, relative to the test file, through a ConfigWorkspace (so
 * the CLI reads the disk, the editor its open buffers and, on the web, the workspace through the client).
 */
import { dirname, isAbsolute, join, normalize } from '../../paths';
import type { ConfigWorkspace } from '../workspace';
import type { ConfigLoader } from './run';
import type { ConfigRef } from './testFile';

/** The absolute path of a config named in a test file. */
export function configPathOf(testFile: string, ref: ConfigRef | string): string {
  const p = typeof ref === 'string' ? ref : ref.path;
  return isAbsolute(p) ? normalize(p) : join(dirname(testFile), p);
}

export function workspaceLoader(ws: ConfigWorkspace, testFile: string): ConfigLoader {
  return (ref) => {
    const path = configPathOf(testFile, ref);
    if (!ws.fileSystem.isFile(path) && ws.readText(path) === undefined)
      return { error: `config ${ref.path}: no such file (${path})` };
    const analysis = ws.analyzeRoot(ws.canonical(path));
    if (!analysis) return { error: `config ${ref.path}: cannot be read` };
    return { evaluation: analysis.evaluation };
  };
}
