/**
 * The `lab real` tasks against stand-ins of Lido, Rocket Pool and EigenLayer placed at their Hoodi
 * addresses on an embedded chain with Hoodi's chain id (test/real/stand-ins.ts): the numbers each
 * happy path prints are computed here from the protocols' formulas, and every refusal is one line
 * in the real protocol's own terms.
 */
import { expect } from "chai";
import hre from "hardhat";
import { AbiCoder, id, ZeroAddress } from "ethers";

import { REAL_ADDRESSES } from "../../config/real-protocols.js";
import { classroom } from "../../config/profiles.js";
import { checkWiring, contractRecords, deployStakingLab } from "../../scripts/lib/deploy-lab.js";
import { profileRecord, saveDeployment } from "../../scripts/lib/deployment.js";
import { formatAmount, formatEth } from "../../scripts/lib/format.js";
import { setCommandContext } from "../../scripts/lib/commands.js";
import { rocketKey } from "../../scripts/lib/real.js";
import { HOODI_GENESIS_TIME, LIDO_EPOCHS_PER_FRAME } from "../../scripts/lib/real-stand-ins.js";
import {
  decodeRevert,
  describeBuiltinRevert,
  describeRevert,
  loadErrorCatalog,
} from "../../scripts/lib/revert.js";
import { ether } from "../helpers/units.js";
import { expectRefusal } from "../tasks/harness.js";
import {
  ethers,
  hoodi,
  HOODI_STAND_IN_NETWORK,
  networkHelpers,
  runLab,
  runReal,
  runRealOk,
  standInsFixture,
} from "./stand-ins.js";

const { lido: L, rocketPool: R, eigenLayer: E } = REAL_ADDRESSES;
const STETH = { symbol: "stETH", decimals: 18 };
const RETH = { symbol: "rETH", decimals: 18 };
const SHARES = { symbol: "shares", decimals: 18 };
/** StrategyBase's virtual shares and balance. */
const OFFSET = 1000n;
const student = { account: "1" };

/**
 * The stand-ins, and the student (account 1) has staked 0.02 ETH in Lido. (One fixture for the
 * file: a second would place the stand-ins again over the first's storage.)
 */
async function staked() {
  const standIns = await networkHelpers.loadFixture(standInsFixture);
  await runRealOk("lido-stake", { amount: "0.02", ...student });
  return standIns;
}

describe("lab real (stand-ins at the Hoodi addresses, chain 560048)", function () {
  describe("the checks before anything is read", function () {
    it("refuses a chain that is not Hoodi in one line naming where the addresses come from", async function () {
      // The project's own runtime: the embedded chain, chain id 31337.
      expectRefusal(
        await runLab("real status"),
        "Chain 31337 is not Hoodi (560048)",
        "config/real-protocols.ts (last checked",
        "--network hoodi",
      );
    });

    it("refuses an address without code, naming its source and date", async function () {
      await networkHelpers.loadFixture(standInsFixture);
      await ethers.provider.send("hardhat_setCode", [L.wstETH.address, "0x"]);
      expectRefusal(
        await runReal("status"),
        `No contract at Lido wstETH ${L.wstETH.address}`,
        "docs.lido.fi",
        L.wstETH.sourceDate,
        "README › The real protocols on Hoodi",
      );
    });

    it("refuses when RocketStorage disagrees with the typed file", async function () {
      const { rocketStorage, other } = await networkHelpers.loadFixture(standInsFixture);
      await rocketStorage.setAddress(rocketKey("rocketTokenRETH"), other.address);
      expectRefusal(
        await runReal("status"),
        `RocketStorage "rocketTokenRETH" is ${other.address}, but config/real-protocols.ts has Rocket Pool rETH ${R.rETH.address}`,
      );
    });

    it("refuses when the deposit pool RocketStorage names holds no code", async function () {
      const { rocketStorage } = await networkHelpers.loadFixture(standInsFixture);
      await rocketStorage.setAddress(rocketKey("rocketDepositPool"), ZeroAddress);
      expectRefusal(await runReal("status"), `RocketStorage "rocketDepositPool" is not set`);
    });
  });

  describe("the stand-ins' roles", function () {
    it("refuse a stranger on every function the protocols reserve", async function () {
      const c = await networkHelpers.loadFixture(standInsFixture);
      const stranger = c.student;
      /** The contract as the stranger calls it. */
      const by = <T extends { connect: (runner: typeof stranger) => unknown }>(contract: T) =>
        contract.connect(stranger) as T;
      await expect(by(c.queue).finalize(1n, 1n))
        .to.be.revertedWithCustomError(c.queue, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, await c.queue.FINALIZE_ROLE());
      await expect(by(c.lido).setStakingLimit(1n, 1n)).to.be.revertedWith("APP_AUTH_FAILED");
      await expect(by(c.lido).withdrawToQueue(0n, 0n)).to.be.revertedWith("APP_AUTH_FAILED");
      await expect(by(c.rETH).submitBalances(1n, 1n)).to.be.revertedWith(
        "Account is not a temporary guardian",
      );
      await expect(by(c.rETH).mint(1n, stranger.address)).to.be.revertedWith(
        "Invalid or outdated network contract",
      );
      await expect(by(c.depositPool).withdrawExcessBalance(1n)).to.be.revertedWith(
        "Invalid or outdated network contract",
      );
      await expect(by(c.rocketStorage).setAddress(rocketKey("x"), stranger.address))
        .to.be.revertedWithCustomError(c.rocketStorage, "NotGuardian")
        .withArgs(stranger.address);
      await expect(by(c.settings).setSettingUint("deposit.fee", 0n))
        .to.be.revertedWithCustomError(c.settings, "NotGuardian")
        .withArgs(stranger.address);
      await expect(by(c.oracle).recordReport(1n))
        .to.be.revertedWithCustomError(c.oracle, "NotAdmin")
        .withArgs(stranger.address);
      await expect(by(c.strategy).deposit(L.stETH.address, 1n)).to.be.revertedWithCustomError(
        c.strategy,
        "OnlyStrategyManager",
      );
      await expect(
        by(c.strategyManager).removeDepositShares(stranger.address, E.stETHStrategy.address, 1n),
      ).to.be.revertedWithCustomError(c.strategyManager, "OnlyDelegationManager");
      await expect(
        by(c.strategyManager).addStrategiesToDepositWhitelist([E.stETHStrategy.address]),
      ).to.be.revertedWithCustomError(c.strategyManager, "OnlyStrategyWhitelister");
    });
  });

  describe("the real protocols' reverts", function () {
    before(async function () {
      await loadErrorCatalog(hre.artifacts);
    });

    it("decodes Lido's and Rocket Pool's revert strings into their meaning", function () {
      const reason = (text: string) =>
        id("Error(string)").slice(0, 10) +
        AbiCoder.defaultAbiCoder().encode(["string"], [text]).slice(2);
      expect(describeBuiltinRevert(reason("STAKE_LIMIT"))).to.contain(
        `reverted with "STAKE_LIMIT": Lido's stake limit is reached: it refills each block`,
      );
      expect(
        describeBuiltinRevert(
          reason("The deposit pool size after depositing exceeds the maximum size"),
        ),
      ).to.contain("Rocket Pool's deposit pool is full");
    });

    it("names the next command of a revert string for the network and account that met it", function () {
      const reason = (text: string) =>
        id("Error(string)").slice(0, 10) +
        AbiCoder.defaultAbiCoder().encode(["string"], [text]).slice(2);
      setCommandContext({ networkName: "hoodi", account: "1" });
      expect(describeBuiltinRevert(reason("STAKE_LIMIT"))).to.contain(
        "`npx hardhat lab real status --network hoodi --account 1` shows how much may be staked now",
      );
      setCommandContext({ networkName: "default", account: "0" });
      expect(describeBuiltinRevert(reason("STAKE_LIMIT"))).to.contain(
        "`npx hardhat lab real status` shows how much may be staked now",
      );
    });

    it("decodes Rocket Pool's deposit delay before an rETH burn into its meaning", function () {
      const reason = (text: string) =>
        id("Error(string)").slice(0, 10) +
        AbiCoder.defaultAbiCoder().encode(["string"], [text]).slice(2);
      expect(describeBuiltinRevert(reason("Not enough time has passed since deposit"))).to.equal(
        `The transaction reverted with "Not enough time has passed since deposit": rETH cannot move ` +
          "or burn for a few blocks after a deposit (Rocket Pool's network.reth.deposit.delay, a DAO " +
          "setting): run the same command again in a few minutes.",
      );
    });

    it("names a stand-in's custom error after the real contract, with its hint", function () {
      setCommandContext({ networkName: "hoodi", account: "0" });
      const data =
        id("RequestNotFoundOrNotFinalized(uint256)").slice(0, 10) +
        AbiCoder.defaultAbiCoder().encode(["uint256"], [7n]).slice(2);
      const decoded = decodeRevert(data, ["Lido WithdrawalQueueERC721"]);
      expect(describeRevert(decoded!, {})).to.equal(
        "Lido WithdrawalQueueERC721 refused with RequestNotFoundOrNotFinalized (_requestId 7). " +
          "Lido finalises requests at its oracle report; `npx hardhat lab real status --network hoodi` says when the next is due.",
      );
    });
  });

  describe("status", function () {
    it("prints each real figure and says how to deploy the lab when it is not deployed", async function () {
      await networkHelpers.loadFixture(standInsFixture);
      const output = await runRealOk("status");
      for (const part of [
        "stETH: 1.2 ETH per share",
        "wstETH: 1.2 ETH per wstETH",
        "1.1 ETH per rETH",
        "0 request(s) unfinalised",
        "bunker mode off",
        "next oracle report in 1 h 7 min",
        "(one every 1 h 16 min)",
        "no limit",
        "room 1,000 ETH",
        "fee 0.05 %, minimum 0.01 ETH",
        "50 blocks ≈ 10 min",
        "takes deposits",
        "What differs:",
        `The lab is not deployed on ${HOODI_STAND_IN_NETWORK}: deploy it with`,
      ]) {
        expect(output, part).to.contain(part);
      }
      for (const line of output.split("\n")) expect([...line].length, line).to.be.at.most(100);
    });

    it("says the lab's slETH leaves by its queue or by a sale, as the lab's market allows", async function () {
      await networkHelpers.loadFixture(standInsFixture);
      const output = await runRealOk("status");
      // The lab's column of the table, its lines joined (the table wraps it).
      const row = output
        .split("\n")
        .filter((line) => line.startsWith("│"))
        .map((line) => line.split("│")[3].trim())
        .join(" ");
      expect(row).to.contain("no deposit fee; its exit is the queue (or sell slETH: `lab swap`)");
      expect(output).to.not.contain("exits only through the queue");
    });

    it("sets the lab's own figures beside them when the lab is deployed on that chain", async function () {
      const { admin } = await networkHelpers.loadFixture(standInsFixture);
      const deployment = await deployStakingLab(hoodi, classroom);
      expect(await checkWiring(deployment, classroom, admin.address)).to.deep.equal([]);
      saveDeployment({
        network: HOODI_STAND_IN_NETWORK,
        chainId: 560048,
        profile: profileRecord(classroom),
        commit: "test",
        deployer: admin.address,
        ignitionDeploymentId: "",
        updatedAt: new Date(0).toISOString(),
        contracts: await contractRecords(undefined, deployment.addresses, ethers),
      });
      const output = await runRealOk("status");
      expect(output).to.contain("slETH: 1 ETH per slETH");
      expect(output).to.contain("0 request(s) waiting; finalised");
      expect(output).to.match(/restaking delay +│ 50 blocks ≈ 10 min +│ 5 min /);
      expect(output).to.not.contain("not deployed");
    });
  });

  describe("lido-stake", function () {
    it("refuses each malformed amount in one line before reading any chain", async function () {
      // The project's own runtime (chain 31337): a chain check would refuse otherwise.
      for (const [amount, words] of [
        ["abc", `--amount must be an amount in ETH such as 0.01, not "abc"`],
        ["-1", `--amount must be an amount in ETH such as 0.01, not "-1"`],
        ["0", `--amount must be more than 0, not "0"`],
        ["1e18", `--amount must be an amount in ETH such as 0.01, not "1e18"`],
        ["0.0000000000000000001", "has 19 decimals; ETH has 18"],
        ["", "--amount is required"],
      ]) {
        expectRefusal(await runLab("real lido-stake", { amount }), words);
      }
    });

    it("mints the shares the pooled ether and total shares give, rounded down", async function () {
      const { lido, student: s } = await networkHelpers.loadFixture(standInsFixture);
      const [pooled, shares] = [await lido.getTotalPooledEther(), await lido.getTotalShares()];
      const value = ether("0.01");
      const output = await runRealOk("lido-stake", { amount: "0.01", ...student });
      const expected = (value * shares) / pooled;
      expect(await lido.sharesOf(s.address)).to.equal(expected);
      expect(output).to.match(
        /Estimated cost \(stake\): .* ETH of gas .* \+ 0\.01 ETH sent; you hold 10,000 ETH\./,
      );
      expect(output).to.contain(
        `Staked 0.01 ETH in Lido: +${formatAmount((expected * (pooled + value)) / (shares + expected), STETH)}`,
      );
      expect(output).to.match(/— tx 0x[0-9a-f]{64}/);
    });

    it("refuses more than 0.05 ETH without --i-know, and takes it with", async function () {
      const { lido, student: s } = await networkHelpers.loadFixture(standInsFixture);
      expectRefusal(
        await runReal("lido-stake", { amount: "0.06", ...student }),
        "--amount 0.06 ETH is more than the 0.05 ETH a lesson needs",
        "--i-know",
      );
      expect(await lido.sharesOf(s.address)).to.equal(0n);
      await runRealOk("lido-stake", { amount: "0.06", iKnow: true, ...student });
      expect(await lido.sharesOf(s.address)).to.be.greaterThan(0n);
    });

    it("refuses above Lido's stake limit, saying how much may be staked now", async function () {
      const { lido } = await networkHelpers.loadFixture(standInsFixture);
      await lido.setStakingLimit(ether("0.005"), 1n);
      expectRefusal(
        await runReal("lido-stake", { amount: "0.01", ...student }),
        "Lido's stake limit is reached: 0.005 ETH may be staked now, less than 0.01 ETH",
      );
      await lido.setStakingPaused(true);
      expectRefusal(
        await runReal("lido-stake", { amount: "0.01", ...student }),
        "Lido has paused staking",
      );
    });

    it("refills the stake limit by whole per-block increases, rounded down first (StakeLimitUtils)", async function () {
      const { lido } = await networkHelpers.loadFixture(standInsFixture);
      // max 10 wei, 3 wei a block: 3 growth blocks, an increase of 10 / 3 = 3 wei a block.
      await lido.setStakingLimit(10n, 3n);
      await lido.submit(ZeroAddress, { value: 10n }); // the limit is spent
      await networkHelpers.mine(2);
      // The next transaction is 3 blocks on: 3 × 3 = 9 wei, not 3 × 10 / 3 = 10.
      await expect(lido.submit(ZeroAddress, { value: 10n })).to.be.revertedWith("STAKE_LIMIT");
    });

    it("decodes Lido's own STAKE_LIMIT revert string when the limit is met in the same block", async function () {
      const { lido } = await networkHelpers.loadFixture(standInsFixture);
      await lido.setStakingLimit(ether("0.005"), 1n);
      await expect(lido.submit(ZeroAddress, { value: ether("0.01") })).to.be.revertedWith(
        "STAKE_LIMIT",
      );
    });

    it("refuses when the balance cannot pay the amount and its gas", async function () {
      const { student: s } = await networkHelpers.loadFixture(standInsFixture);
      await networkHelpers.setBalance(s.address, ether("0.005"));
      expectRefusal(
        await runReal("lido-stake", { amount: "0.01", ...student }),
        "You hold 0.005 ETH, less than",
      );
    });
  });

  describe("lido-wrap", function () {
    it("mints the stETH's shares as wstETH", async function () {
      const { lido, wstETH, student: s } = await staked();
      const [pooled, shares] = [await lido.getTotalPooledEther(), await lido.getTotalShares()];
      await runRealOk("lido-wrap", { amount: "0.01", ...student });
      expect(await wstETH.balanceOf(s.address)).to.equal((ether("0.01") * shares) / pooled);
    });

    it("refuses more stETH than the student holds", async function () {
      await staked();
      expectRefusal(
        await runReal("lido-wrap", { amount: "0.03", ...student }),
        "less than --amount 0.03 stETH",
        "real lido-stake",
      );
    });
  });

  describe("lido-request-withdrawal and lido-claim", function () {
    it("queues a request, refuses to claim it before the report (with when), and pays it after", async function () {
      const { lido, queue, student: s } = await staked();
      const output = await runRealOk("lido-request-withdrawal", { amount: "0.004", ...student });
      expect(output).to.contain("Request #1: 0.004 stETH locked in Lido's queue");
      expect(await queue.unfinalizedRequestNumber()).to.equal(1n);
      expectRefusal(
        await runReal("lido-claim", { id: "1", ...student }),
        "Lido request #1 is not finalised yet: Lido finalises at an oracle report, the next in 1 h 7 min (one every 1 h 16 min)",
      );
      const [status] = await queue.getWithdrawalStatus([1n]);
      const [pooled, shares] = [await lido.getTotalPooledEther(), await lido.getTotalShares()];
      const rate = (10n ** 27n * pooled) / shares;
      const worth = (status.amountOfShares * rate) / 10n ** 27n;
      const expected = worth < status.amountOfStETH ? worth : status.amountOfStETH;
      await queue.finalize(1n, 10n ** 36n);
      const before = await ethers.provider.getBalance(s.address);
      const claim = await runRealOk("lido-claim", { id: "1", ...student });
      expect(claim).to.contain(`Claimed request #1: ${formatEth(expected)} for 0.004 stETH asked`);
      expect(await ethers.provider.getBalance(s.address)).to.be.greaterThan(before);
      expectRefusal(
        await runReal("lido-claim", { id: "1", ...student }),
        "Lido request #1 was claimed already",
      );
    });

    it("keeps a claimed request's owner in its status, as Lido does", async function () {
      const { queue, student: s } = await staked();
      await runRealOk("lido-request-withdrawal", { amount: "0.004", ...student });
      await queue.finalize(1n, 10n ** 36n);
      await runRealOk("lido-claim", { id: "1", ...student });
      const [status] = await queue.getWithdrawalStatus([1n]);
      expect(status.isClaimed).to.equal(true);
      expect(status.owner).to.equal(s.address);
    });

    it("refuses a request below Lido's minimum in stETH, not wei", async function () {
      await staked();
      expectRefusal(
        await runReal("lido-request-withdrawal", { amount: "0.00000000000000001", ...student }),
        "Lido takes requests of at least 0.0000000000000001 stETH (MIN_STETH_WITHDRAWAL_AMOUNT), " +
          "more than --amount 0.00000000000000001 stETH",
      );
    });

    it("names, for a request made while a report is due, the report after it", async function () {
      const { consensus } = await staked();
      const [refSlot] = await consensus.getCurrentFrame();
      const frameStart = HOODI_GENESIS_TIME + (refSlot + 1n) * 12n;
      const nextFrameStart = frameStart + LIDO_EPOCHS_PER_FRAME * 32n * 12n;
      await runRealOk("lido-request-withdrawal", { amount: "0.004", ...student });
      // The next frame opens: its report is due, and covers request #1 (made before its reference slot).
      await networkHelpers.time.increaseTo(nextFrameStart + 520n);
      expectRefusal(
        await runReal("lido-claim", { id: "1", ...student }),
        "Lido request #1 is not finalised yet: Lido finalises at an oracle report, the next due now (at the latest in 1 h 7 min)",
      );
      // Request #2 comes after that reference slot: the due report cannot finalise it.
      const output = await runRealOk("lido-request-withdrawal", { amount: "0.004", ...student });
      expect(output).to.contain("the first that can is in 1 h 7 min (one every 1 h 16 min)");
      const refusal = await runReal("lido-claim", { id: "2", ...student });
      expectRefusal(
        refusal,
        "Lido request #2 is not finalised yet: Lido finalises at an oracle report, the next in 1 h 7 min (one every 1 h 16 min)",
      );
      expect(refusal.error).to.not.contain("due now");
    });

    it("lists the student's requests without --id", async function () {
      await staked();
      await runRealOk("lido-request-withdrawal", { amount: "0.004", ...student });
      const output = await runRealOk("lido-claim", student);
      expect(output).to.contain("#1");
      expect(output).to.contain("not yet");
    });
  });

  describe("rp-deposit and rp-burn", function () {
    it("mints rETH for the deposit less the fee at the submitted rate, then burns it for ETH at once", async function () {
      const { rETH, student: s } = await networkHelpers.loadFixture(standInsFixture);
      const value = ether("0.01");
      const fee = (value * ether("0.0005")) / ether("1");
      const expected = ((value - fee) * ether("1")) / ether("1.1");
      const output = await runRealOk("rp-deposit", { amount: "0.01", ...student });
      expect(await rETH.balanceOf(s.address)).to.equal(expected);
      expect(output).to.contain(`fee ${formatEth(fee)} (0.05 %), +${formatAmount(expected, RETH)}`);
      const burned = await runRealOk("rp-burn", { all: true, ...student });
      expect(burned).to.contain(`for ${formatEth((expected * ether("1.1")) / ether("1"))} at once`);
      expect(await rETH.balanceOf(s.address)).to.equal(0n);
    });

    it("refuses when the deposit pool is full, disabled, or the deposit is below the minimum", async function () {
      const { settings } = await networkHelpers.loadFixture(standInsFixture);
      expectRefusal(
        await runReal("rp-deposit", { amount: "0.005", ...student }),
        "Rocket Pool's minimum deposit is 0.01 ETH",
      );
      await settings.setSettingUint("deposit.pool.maximum", ether("0.005"));
      expectRefusal(
        await runReal("rp-deposit", { amount: "0.01", ...student }),
        "Rocket Pool's deposit pool is full: room for 0.005 ETH, less than 0.01 ETH",
      );
      await settings.setSettingBool("deposit.enabled", false);
      expectRefusal(
        await runReal("rp-deposit", { amount: "0.01", ...student }),
        "Rocket Pool's deposits are disabled",
      );
    });

    it("refuses a burn without --amount or --all, naming both, before reading any chain", async function () {
      expectRefusal(await runLab("real rp-burn"), "--amount or --all is required");
      expectRefusal(
        await runLab("real rp-burn", { amount: "abc" }),
        `--amount must be an amount in rETH such as 0.01, not "abc"`,
      );
      expectRefusal(await runLab("real eigen-queue-withdrawal"), "--shares or --all is required");
    });

    it("refuses a burn the collateral cannot pay", async function () {
      const { rETH } = await networkHelpers.loadFixture(standInsFixture);
      await runRealOk("rp-deposit", { amount: "0.01", ...student });
      await rETH.submitBalances(ether("2"), ether("1")); // the rate doubles: 0.0099 rETH is worth 0.02 ETH
      expectRefusal(
        await runReal("rp-burn", { all: true, ...student }),
        "rETH's collateral is 0.01 ETH, less than the",
      );
    });
  });

  describe("eigen-restake, eigen-delegate, eigen-queue-withdrawal, eigen-complete", function () {
    it("restakes stETH for the strategy's shares, delegates, and withdraws after 50 blocks", async function () {
      const {
        lido,
        strategy,
        strategyManager,
        delegationManager,
        student: s,
        operator,
      } = await staked();
      const totalShares = await strategy.totalShares();
      const amount = ether("0.01");
      await runRealOk("eigen-restake", { amount: "0.01", ...student });
      // StrategyBase prices the deposit on "balance after − amount": stETH arrives up to 2 wei
      // short, so the balance before counts as that much lower (EigenLayer's own formula).
      const prior = (await lido.balanceOf(E.stETHStrategy.address)) - amount;
      const expected = ((totalShares + OFFSET) * amount) / (prior + OFFSET);
      expect(
        await strategyManager.stakerDepositShares(s.address, E.stETHStrategy.address),
      ).to.equal(expected);

      expectRefusal(
        await runReal("eigen-delegate", { operator: "2", ...student }),
        `${operator.address} is not an EigenLayer operator`,
      );
      await runRealOk("eigen-delegate", { register: true, account: "2" });
      await runRealOk("eigen-delegate", { operator: "2", ...student });
      expect(await delegationManager.delegatedTo(s.address)).to.equal(operator.address);

      const queued = await runRealOk("eigen-queue-withdrawal", { all: true, ...student });
      expect(queued).to.contain(`Queued ${formatAmount(expected, SHARES)} for withdrawal`);
      expectRefusal(
        await runReal("eigen-complete", student),
        "EigenLayer's withdrawal delay has not passed: 50 more block(s) (≈ 10 min) of 50",
      );
      await networkHelpers.mine(50);
      const stETHBefore = await lido.balanceOf(s.address);
      const worth = await strategy.sharesToUnderlyingView(expected);
      const done = await runRealOk("eigen-complete", student);
      expect(done).to.contain(`Completed the withdrawal of ${formatAmount(expected, SHARES)}`);
      // stETH moves by shares: what arrives is within 2 wei of what the shares were worth.
      const got = (await lido.balanceOf(s.address)) - stETHBefore;
      expect(worth - got).to.be.within(0n, 2n);
    });

    it("refuses an operator's delegation, and a second one, without a command that does not undelegate", async function () {
      await staked();
      await runRealOk("eigen-delegate", { register: true, account: "2" });
      expectRefusal(
        await runReal("eigen-delegate", { operator: "3", account: "2" }),
        "are an EigenLayer operator, delegated to yourself: an operator cannot delegate to another",
      );
      await runRealOk("eigen-delegate", { operator: "2", ...student });
      const again = await runReal("eigen-delegate", { operator: "2", ...student });
      expectRefusal(again, "You are delegated to", "undelegate (or redelegate)");
      expect(again.error).to.not.contain("eigen-queue-withdrawal");
    });

    it("refuses contradictory options and a restake without stETH, each in one line", async function () {
      await networkHelpers.loadFixture(standInsFixture);
      expectRefusal(
        await runReal("eigen-delegate", { register: true, operator: "2", ...student }),
        "--register and --operator contradict each other",
      );
      expectRefusal(
        await runReal("eigen-restake", { amount: "0.01", ...student }),
        "You hold 0 stETH, less than --amount 0.01 stETH",
      );
      expectRefusal(
        await runReal("eigen-complete", student),
        "You have no queued EigenLayer withdrawal",
      );
    });
  });
});
