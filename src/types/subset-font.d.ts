// subset-font ships no types; this is the part of its API coursemap uses.
declare module 'subset-font' {
  interface SubsetOptions {
    targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype';
    preserveNameIds?: number[];
    keepFeatures?: string[];
    noLayoutClosure?: boolean;
    noHinting?: boolean;
    dropTables?: string[];
  }
  export default function subsetFont(
    font: Buffer | Uint8Array,
    text: string | null | undefined,
    options?: SubsetOptions,
  ): Promise<Buffer>;
}
