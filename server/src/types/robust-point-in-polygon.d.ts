declare module 'robust-point-in-polygon' {
  /** -1 inside, 0 on the boundary, 1 outside. */
  export default function classifyPoint(polygon: ArrayLike<readonly [number, number] | number[]>, point: readonly [number, number]): -1 | 0 | 1;
}
