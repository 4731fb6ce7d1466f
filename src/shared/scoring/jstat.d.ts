/** The part of jStat (a UMD module without its own types) that scoring uses. */
declare module 'jstat' {
  interface JStat {
    studentt: { inv(p: number, degreesOfFreedom: number): number };
    normal: { inv(p: number, mean: number, standardDeviation: number): number };
  }
  const jStat: JStat;
  export default jStat;
}
