// Plain reads instead of a zod schema: three optional strings, and zod's import alone would add about a
// third of a second to every CLI start.
export type CliEnv = {
  PROFILEHUB_URL?: string;
  PROFILEHUB_TOKEN?: string;
  /** Where the server keeps embedded data and demo-credentials.json (default <repo>/.data). */
  PROFILEHUB_DATA_DIR?: string;
};

export function readCliEnv(source: NodeJS.ProcessEnv = process.env): CliEnv {
  return {
    PROFILEHUB_URL: source.PROFILEHUB_URL || undefined,
    PROFILEHUB_TOKEN: source.PROFILEHUB_TOKEN || undefined,
    PROFILEHUB_DATA_DIR: source.PROFILEHUB_DATA_DIR || undefined,
  };
}
