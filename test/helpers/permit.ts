/** EIP-2612 permits in tests: the owner signs, anyone submits. */
import type { Signer } from "ethers";
import { Signature } from "ethers";

/** The token views a permit needs (any OpenZeppelin ERC20Permit). */
export interface PermitToken {
  getAddress(): Promise<string>;
  name(): Promise<string>;
  nonces(owner: string): Promise<bigint>;
}

/** Signs `owner`'s permit for `spender` to spend `value` until `deadline` (version "1"). */
export async function signPermit(
  token: PermitToken,
  owner: Signer,
  spender: string,
  value: bigint,
  deadline: bigint,
): Promise<Signature> {
  const ownerAddress = await owner.getAddress();
  const { chainId } = await owner.provider!.getNetwork();
  const signature = await owner.signTypedData(
    {
      name: await token.name(),
      version: "1",
      chainId,
      verifyingContract: await token.getAddress(),
    },
    {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    { owner: ownerAddress, spender, value, nonce: await token.nonces(ownerAddress), deadline },
  );
  return Signature.from(signature);
}
