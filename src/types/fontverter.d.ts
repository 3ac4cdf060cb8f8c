// fontverter (a dependency of subset-font; used by tests to read embedded WOFF) ships no types.
declare module 'fontverter' {
  const fontverter: {
    convert(buffer: Buffer | Uint8Array, to: 'sfnt' | 'woff' | 'woff2' | 'truetype', from?: string): Promise<Buffer>;
  };
  export default fontverter;
}
