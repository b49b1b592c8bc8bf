export function findPostgresBin(): string | null;
export function startThrowawayPostgres(opts?: { bin?: string | null; database?: string }): Promise<{
  url: string;
  dir: string;
  stop: () => void;
}>;
