import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import JSZip from 'jszip';

/** Files of a zip by path (directories left out). */
export async function readZip(path: string): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const files = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async('uint8array'));
  }
  return files;
}

export async function zipSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

/** Writes files as a zip, compressed like WXT's own (DEFLATE level 9). */
export async function writeZip(files: Map<string, Uint8Array>, path: string): Promise<void> {
  const zip = new JSZip();
  for (const [name, data] of files) zip.file(name, data);
  const out = await zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });
  await writeFile(path, out);
}

/** Unpacks files into dir, refusing paths that would leave it. */
export async function extractTo(files: Map<string, Uint8Array>, dir: string): Promise<void> {
  for (const [name, data] of files) {
    if (name.startsWith('/') || name.split('/').includes('..'))
      throw new Error(`unsafe path in zip: ${name}`);
    const target = join(dir, name);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, data);
  }
}

/** Files under dir by relative path with "/" separators, as a zip would list them. */
export async function readDirFiles(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const rel of await readdir(dir, { recursive: true })) {
    const abs = join(dir, rel);
    if ((await stat(abs)).isFile()) files.set(rel.split(sep).join('/'), await readFile(abs));
  }
  return files;
}
