/** Vite turns `import x from '...wasm?url'` into the URL of the emitted asset. */
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
