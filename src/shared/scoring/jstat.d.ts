/** The part of jStat (a UMD module without its own types) that scoring uses. */
declare module 'jstat' {
  interface JStat {
    studentt: { inv(p: number, degreesOfFreedom: number): number };
    normal: { inv(p: number, mean: number, standardDeviation: number): number };
    /** The k-th percentile (0-1) of a sample, used by the benchmarks' latency figures. */
    percentile(values: readonly number[], k: number): number;
  }
  const jStat: JStat;
  export default jStat;
}
