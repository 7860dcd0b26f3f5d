/** The part of heic-decode's API weiquan uses (the package ships no types). */
declare module 'heic-decode' {
  type Decoded = { width: number; height: number; data: Uint8ClampedArray };
  const decode: (input: { buffer: Buffer | ArrayBuffer }) => Promise<Decoded>;
  export default decode;
}
