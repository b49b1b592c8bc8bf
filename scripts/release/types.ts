/** A store package as release:check sees it: its files by path, and the zip's own size. */
export interface Package {
  browser: 'chrome' | 'firefox';
  /** Path of the zip, for messages. */
  path: string;
  zipBytes: number;
  files: Map<string, Uint8Array>;
}

/** The parts of manifest.json the checks read; anything else is ignored. */
export interface Manifest {
  manifest_version?: number;
  name?: string;
  description?: string;
  version?: string;
  default_locale?: string;
  action?: { default_title?: string };
  icons?: Record<string, string>;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
  browser_specific_settings?: {
    gecko?: {
      id?: string;
      strict_min_version?: string;
      data_collection_permissions?: { required?: string[]; optional?: string[] };
    };
  };
}

/** store/permissions.json: every permission the packages may ask for, each with its reason. */
export interface PermissionBaseline {
  permissions: Record<string, unknown>;
  optional_host_permissions: Record<string, unknown>;
  host_permissions: Record<string, unknown>;
  data_collection: Record<string, unknown>;
}

export function readManifest(pkg: Package): Manifest {
  const raw = pkg.files.get('manifest.json');
  if (!raw) throw new Error(`${pkg.path}: no manifest.json at the top of the package`);
  return JSON.parse(new TextDecoder().decode(raw)) as Manifest;
}
