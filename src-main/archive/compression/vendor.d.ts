/** Types for the untyped codec packages, reduced to what compression/ uses. */
declare module 'unbzip2-stream' {
  /** A `through` stream: write compressed bytes, receive 'data' events of decompressed ones. */
  const unbzip2Stream: () => NodeJS.ReadWriteStream;
  export default unbzip2Stream;
}
