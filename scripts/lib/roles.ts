/**
 * Names of OpenZeppelin AccessControl roles, so a refusal prints "neededRole OPERATOR_ROLE"
 * rather than a 32-byte hash. Filled from the artifacts: every constant `*_ROLE()` getter is a
 * role whose id is the keccak-256 of its name (OpenZeppelin's convention; DEFAULT_ADMIN_ROLE is 0).
 */
import { ZeroHash, id } from "ethers";

const names = new Map<string, string>([[ZeroHash, "DEFAULT_ADMIN_ROLE"]]);

/** Records a role by its getter's name (`OPERATOR_ROLE`). */
export function addRole(name: string): void {
  names.set(id(name), name);
}

/** The role's name for its id, or `undefined` when no compiled contract declares it. */
export function roleName(roleId: unknown): string | undefined {
  return typeof roleId === "string" ? names.get(roleId.toLowerCase()) : undefined;
}
