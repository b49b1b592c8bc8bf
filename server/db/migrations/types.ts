/** A versioned schema change; its statements run in one transaction. */
export interface Migration {
  version: number;
  name: string;
  statements: string[];
}
