import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { corpusFiles } from '../corpus/load.ts';

/**
 * What the index knows of each corpus file: its content hash, and the stat fields that let a
 * later start skip re-reading it. Size and mtime alone are not enough (cp -p and rsync -a keep
 * both); ctime cannot be set by a copy and changes with every write, and the inode changes when
 * rsync renames a new copy into place, so a file whose four fields all match is unchanged.
 */
export const FileStateSchema = z.object({
  path: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  ctimeMs: z.number(),
  ino: z.number(),
  sha256: z.string(),
});
export type FileState = z.infer<typeof FileStateSchema>;

export interface CorpusScan {
  states: FileState[];
  /** Paths added, changed (content) or removed since the states given. */
  changed: string[];
  /** Files read to hash them (the rest were known by their stat fields). */
  read: number;
}

/** The corpus files' states, and which differ from `known` by content. Unreadable files count as removed. */
export async function scanCorpus(dirs: readonly string[], known: readonly FileState[] = []): Promise<CorpusScan> {
  const before = new Map(known.map((s) => [s.path, s]));
  const states: FileState[] = [];
  const changed: string[] = [];
  let read = 0;
  for (const file of await corpusFiles(dirs)) {
    const path = resolve(file);
    const old = before.get(path);
    before.delete(path);
    try {
      const s = await stat(path, { bigint: false });
      const same = old && old.size === s.size && old.mtimeMs === s.mtimeMs && old.ctimeMs === s.ctimeMs && old.ino === s.ino;
      let sha256 = old?.sha256 ?? '';
      if (!same) {
        sha256 = createHash('sha256').update(await readFile(path)).digest('hex');
        read++;
      }
      states.push({ path, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino, sha256 });
      if (!old || old.sha256 !== sha256) changed.push(path);
    } catch {
      if (old) changed.push(path);
    }
  }
  for (const path of before.keys()) changed.push(path);
  return { states, changed, read };
}

/** One file's state (stat fields and content hash), or undefined when it cannot be read. */
export async function fileState(file: string): Promise<FileState | undefined> {
  const path = resolve(file);
  try {
    const s = await stat(path, { bigint: false });
    const sha256 = createHash('sha256').update(await readFile(path)).digest('hex');
    return { path, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino, sha256 };
  } catch {
    return undefined;
  }
}
