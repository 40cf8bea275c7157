/** Integer helpers for the arithmetic permutations behind names and directory groups. */

export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Modular inverse of `a` mod `m` (coprime; m < 2^26 so products stay exact in doubles). */
export function inverseMod(a: number, m: number): number {
  let [r0, r1, t0, t1] = [m, a % m, 0, 1];
  while (r1 !== 0) {
    const q = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return ((t0 % m) + m) % m;
}
