/** A fund's hard cap may not sit below its target; either may be unset. */
export function isHardCapBelowTarget(target: number | null | undefined, cap: number | null | undefined): boolean {
  return target != null && cap != null && cap < target;
}
