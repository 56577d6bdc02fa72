#!/usr/bin/env bash
# Rehearses a Hoodi deployment on a local node (loopback only, Hoodi's chain id), then walks
# through the lesson (docs/lesson.md) with the tasks. It never touches a student's work: it runs
# in a temporary copy of the project (their deployments/ and ignition/deployments/ are left
# alone, and checked to be) against nodes on free ports of its own (a node the student runs on
# 8545 is never used). Every node is stopped by its pid, whatever happens.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

workdir=$(mktemp -d)
copy="$workdir/project"
node_log="$workdir/node.log"

# The student's records, to prove at the end that the rehearsal left them as they were.
fingerprint() {
  (cd "$root" && find deployments ignition/deployments -type f 2>/dev/null | sort | xargs -r sha256sum) || true
}
before=$(fingerprint)

# A copy of the project without node_modules (linked) and without any local record.
mkdir -p "$copy"
tar -C "$root" --exclude=./node_modules --exclude=./coverage --exclude=./ignition/deployments \
  --exclude=./deployments/localhost.json --exclude=./.git -cf - . | tar -C "$copy" -xf -
ln -s "$root/node_modules" "$copy/node_modules"
cd "$copy"

hh=./node_modules/.bin/hardhat
net=(--network localhost)

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$workdir"
}
trap cleanup EXIT

# A TCP port nobody listens on, chosen by the system.
free_port() {
  node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
port=$(free_port)
other_port=$(free_port)
# The copy's `localhost` network points at the rehearsal's node instead of 8545.
sed -i "s#http://127.0.0.1:8545#http://127.0.0.1:${port}#" hardhat.config.ts
grep -q "127.0.0.1:${port}" hardhat.config.ts || { echo "could not point localhost at port $port" >&2; exit 1; }
echo "rehearsing in $copy on ports $port and $other_port"

# Starts a local node on 127.0.0.1:$1 with chain id $2 and waits until it answers.
start_node() {
  "$hh" node --hostname 127.0.0.1 --port "$1" --chain-id "$2" >>"$node_log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 1 60); do
    if node -e 'fetch(`http://127.0.0.1:${process.argv[1]}`,{method:"POST",headers:{"content-type":"application/json"},body:JSON.stringify({jsonrpc:"2.0",id:1,method:"eth_chainId",params:[]})}).then(r=>r.json()).then(j=>process.exit(Number(j.result)===Number(process.argv[2])?0:1)).catch(()=>process.exit(1))' "$1" "$2"; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$node_log"; echo "the local node on port $1 died" >&2; exit 1; fi
    sleep 1
  done
  echo "the local node on port $1 did not answer" >&2
  exit 1
}
start_node "$port" 560048

step() { printf '\n=== %s\n' "$*"; }
# One JSON-RPC call to the local node, e.g. rpc hardhat_setBalance '["0x…","0x1"]'.
rpc() {
  node -e 'fetch(`http://127.0.0.1:${process.env.PORT}`,{method:"POST",headers:{"content-type":"application/json"},body:JSON.stringify({jsonrpc:"2.0",id:1,method:process.argv[1],params:JSON.parse(process.argv[2])})}).then(r=>r.json()).then(j=>{if(j.error){console.error(j.error.message);process.exit(1)}})' "$1" "$2"
}
export PORT=$port
deployer=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 # the node's first account
# Runs a command that must fail with a one-line, actionable message containing $1, and no
# stack trace.
expect_refusal() {
  local expected=$1; shift
  if "$@" >"$workdir/out" 2>&1; then cat "$workdir/out"; echo "expected a refusal from: $*" >&2; exit 1; fi
  if ! grep -q -- "$expected" "$workdir/out"; then cat "$workdir/out"; echo "refusal lacks \"$expected\"" >&2; exit 1; fi
  if grep -qE '^\s+at ' "$workdir/out"; then cat "$workdir/out"; echo "a stack trace instead of one line" >&2; exit 1; fi
  echo "refused as expected: $(grep -- "$expected" "$workdir/out" | head -1)"
}
# Runs a command that must succeed and print $1.
expect_output() {
  local expected=$1; shift
  "$@" | tee "$workdir/out"
  if ! grep -q -- "$expected" "$workdir/out"; then echo "output lacks \"$expected\"" >&2; exit 1; fi
}

step "Refusals a student may meet"
expect_refusal "keystore set HOODI_RPC_URL" env -u HOODI_RPC_URL -u HOODI_PRIVATE_KEY "$hh" run scripts/deploy.ts --network hoodi
expect_refusal "deploy.ts --network localhost" "$hh" lab status "${net[@]}"
# An RPC URL that is not Hoodi: a second local node with the default chain id 31337.
start_node "$other_port" 31337
# The key is a throwaway made for this check alone (it holds nothing and is never written down).
throwaway_key=$(node --input-type=module -e 'import { Wallet } from "ethers"; console.log(Wallet.createRandom().privateKey)')
expect_refusal "answers with chain id 31337, not 560048" env HOODI_RPC_URL="http://127.0.0.1:$other_port" \
  HOODI_PRIVATE_KEY="$throwaway_key" "$hh" run scripts/deploy.ts --network hoodi
# An RPC host that does not resolve, and a private key that is not one: one line each.
expect_refusal "Cannot reach no-such-host.invalid" env HOODI_RPC_URL=http://no-such-host.invalid \
  HOODI_PRIVATE_KEY="$throwaway_key" "$hh" lab status --network hoodi
expect_refusal "HOODI_PRIVATE_KEY is not a private key" env HOODI_RPC_URL="http://127.0.0.1:$port" \
  HOODI_PRIVATE_KEY=0x1234 "$hh" run scripts/deploy.ts --network hoodi

rpc hardhat_setBalance "[\"$deployer\",\"0x38d7ea4c68000\"]" # 0.001 ETH
expect_refusal "get Hoodi ETH from a faucet" "$hh" run scripts/deploy.ts "${net[@]}"
rpc hardhat_setBalance "[\"$deployer\",\"0x21e19e0c9bab2400000\"]" # 10,000 ETH

step "Deploy to the local node (chain id 560048, classroom profile), cut off half-way"
# As on Hoodi when a laptop closes: a transaction is sent and waiting to be mined when the run
# stops. (The node stops mining for a moment so that the run is cut off at exactly that point.)
journal=ignition/deployments/localhost-560048/journal.jsonl
count() { grep -c "\"$1\"" "$journal" 2>/dev/null || true; }
"$hh" run scripts/deploy.ts "${net[@]}" >"$workdir/cut" 2>&1 &
deploy_pid=$!
pids+=("$deploy_pid")
for _ in $(seq 1 600); do
  confirmed=$(count TRANSACTION_CONFIRM)
  [ "${confirmed:-0}" -ge 3 ] && break
  sleep 0.1
done
rpc evm_setAutomine '[false]'
for _ in $(seq 1 300); do
  sent=$(count TRANSACTION_SEND)
  confirmed=$(count TRANSACTION_CONFIRM)
  [ "${sent:-0}" -gt "${confirmed:-0}" ] && break
  sleep 0.1
done
sleep 1
kill -INT "$deploy_pid" 2>/dev/null || true
wait "$deploy_pid" 2>/dev/null || true
echo "cut off with $(count TRANSACTION_CONFIRM) transaction(s) confirmed and $(count TRANSACTION_SEND) sent"
rpc evm_setAutomine '[true]'
rpc evm_mine '[]'

step "Deploy again: it resumes, and no transaction is sent twice"
"$hh" run scripts/deploy.ts "${net[@]}"
test -f deployments/localhost.json
node -e '
  const fs = require("node:fs");
  const sends = fs.readFileSync(process.argv[1], "utf8").split("\n").filter((l) => l.includes("\"TRANSACTION_SEND\""));
  const nonces = sends.map((l) => JSON.parse(l).nonce);
  if (new Set(nonces).size !== nonces.length) { console.error("a nonce was used twice"); process.exit(1); }
  fetch(`http://127.0.0.1:${process.env.PORT}`, { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getTransactionCount", params: [process.argv[2], "latest"] }) })
    .then((r) => r.json()).then((j) => {
      const sent = Number(j.result);
      if (sent !== nonces.length) { console.error(`the deployer sent ${sent} transactions, the journal records ${nonces.length}`); process.exit(1); }
      console.log(`the deployer sent ${sent} transactions in all, each once`);
    });
' "$journal" "$deployer"

step "Deploy again: nothing is sent"
"$hh" run scripts/deploy.ts "${net[@]}" | tee "$workdir/second"
grep -q "0 transaction(s) sent" "$workdir/second"
# The record, read from Ignition's public API: each contract's transaction, block and arguments.
node -e '
  const record = JSON.parse(require("node:fs").readFileSync("deployments/localhost.json", "utf8"));
  for (const [name, c] of Object.entries(record.contracts)) {
    if (!/^0x[0-9a-f]{64}$/.test(c.transactionHash ?? "") || !(c.blockNumber > 0)) {
      console.error(`${name} has no transaction or block in the record`); process.exit(1);
    }
  }
  if (record.contracts.DepositPool.constructorArgs.length === 0) {
    console.error("the pool'"'"'s constructor arguments are missing"); process.exit(1);
  }
  console.log(`the record lists ${Object.keys(record.contracts).length} contracts with their transactions, blocks and arguments`);
'

# The lesson (docs/lesson.md), step by step: the same commands and waits as the in-process
# scenario test/tasks/lesson.scenario.ts, one account in every role, plus the refusals a
# student may meet on the way.
step "Lesson 1–5: a student stakes, the operator stakes validators, a simulated year passes"
expect_output "slashed: swept after (correlation window)" "$hh" lab status "${net[@]}"
expect_output "Deposited 0.1 ETH and received 0.1 slETH" "$hh" lab stake --amount 0.1 "${net[@]}"
expect_refusal "DepositBelowMinimum (sent 0.000001 ETH, minimum 0.00001 ETH)" "$hh" lab stake --amount 0.000001 "${net[@]}"
expect_refusal "must be an amount" "$hh" lab stake --amount lots "${net[@]}"
expect_refusal "has 19 decimals; ETH has 18" "$hh" lab stake --amount 0.0000000000000000001 "${net[@]}"
expect_output "Validator #1 staked with 0.032 ETH" "$hh" lab stake-validator --count 2 "${net[@]}"
expect_refusal "There is no validator #99: validators are numbered 0 to 1" "$hh" lab cl-slash --index 99 "${net[@]}"
expect_refusal "would wipe it" "$hh" lab cl-penalize --index 0 --amount 5 "${net[@]}"
"$hh" lab time --seconds 1800 "${net[@]}" # a simulated year
expect_output "Swept 2 validator(s)" "$hh" lab cl-sweep "${net[@]}"
expect_output "(rose)" "$hh" lab report "${net[@]}"

step "Lesson 6–9: a withdrawal through the queue"
expect_refusal "--all and --amount contradict each other" "$hh" lab request-withdrawal --all --amount 0.01 "${net[@]}"
expect_output "Request #1: 0.02 slETH" "$hh" lab request-withdrawal --amount 0.02 "${net[@]}"
expect_refusal "\`npx hardhat lab report --network localhost\`" "$hh" lab claim-withdrawal --id 1 "${net[@]}"
expect_output "#1" "$hh" lab my-requests "${net[@]}"
"$hh" lab time --seconds 60 "${net[@]}"
expect_output "requests finalised up to #1" "$hh" lab report "${net[@]}"
expect_output "for request #1" "$hh" lab claim-withdrawal --id 1 "${net[@]}"

step "Lesson 10–14: the teacher slashes a validator; the loss needs --confirm; the rate falls"
expect_output "withdrawable in 10 min" "$hh" lab cl-slash --index 0 "${net[@]}"
expect_output "Not withdrawable yet, sweep again later: validator #0" "$hh" lab cl-sweep "${net[@]}"
"$hh" lab time --seconds 600 "${net[@]}" # a slashed validator waits a correlation window (10 min)
expect_output "Swept 2 validator(s)" "$hh" lab cl-sweep "${net[@]}"
expect_refusal "exceeds the budget of 0.0001 ETH" "$hh" lab report "${net[@]}"
grep -q -- "\`npx hardhat lab report --confirm --network localhost\`" "$workdir/out" || { echo "the refusal lacks the --confirm command" >&2; exit 1; }
expect_output "(fell)" "$hh" lab report --confirm "${net[@]}"
expect_output "1 / 2" "$hh" lab status "${net[@]}"

step "Lesson 15–20: restaking, one account in every role"
expect_output "is an operator" "$hh" lab register-operator "${net[@]}"
expect_output "is an AVS" "$hh" lab register-avs "${net[@]}"
expect_output "the increase becomes slashable in 6 min 15 s" "$hh" lab allocate --avs 0 --percent 50 "${net[@]}"
expect_output "Restaked 0.02 slETH" "$hh" lab restake --amount 0.02 "${net[@]}"
expect_output "streamed over 5 min" "$hh" lab avs-pay --operator 0 --amount 0.001 "${net[@]}"
"$hh" lab time --seconds 376 "${net[@]}" # the stream (5 min) and the allocation delay (6 min 15 s)
expect_output "Claimed 0.001 slETH" "$hh" lab claim-rewards "${net[@]}"
expect_output "0.02 shares → 0.019 shares" "$hh" lab avs-slash --operator 0 --percent 10 "${net[@]}"

step "Lesson 21–25: liquid restaking"
expect_output "The vault is delegated to" "$hh" lab lrt-manage --delegate 0 "${net[@]}"
expect_output "worth 0.02 ETH in all" "$hh" lab lrt-deposit --eth 0.02 "${net[@]}"
expect_output "Restaked 0.015 slETH" "$hh" lab lrt-manage --restake 0.015 "${net[@]}"
expect_output "claimable in 5 min" "$hh" lab lrt-redeem --all "${net[@]}"
expect_refusal "Redemptions wait for the restaking delay: wait 4 min 5" "$hh" lab lrt-claim --id 1 "${net[@]}"
"$hh" lab time --seconds 300 "${net[@]}"
expect_output "Redemption #1 paid" "$hh" lab lrt-claim --id 1 "${net[@]}"

step "Restaking: a student delegates to an operator; a service (AVS) pays, then slashes"
# Accounts: 1 a student, 2 an operator, 3 a service (AVS), 4 a solo staker with a pod.
"$hh" lab stake --amount 0.05 "${net[@]}" --account 1
"$hh" lab stake --amount 0.01 "${net[@]}" --account 3
"$hh" lab register-operator "${net[@]}" --account 2
"$hh" lab register-avs "${net[@]}" --account 3
"$hh" lab allocate --avs 3 --percent 50 "${net[@]}" --account 2
"$hh" lab restake --amount 0.04 "${net[@]}" --account 1
"$hh" lab delegate --operator 2 "${net[@]}" --account 1
"$hh" lab avs-pay --operator 2 --amount 0.001 "${net[@]}" --account 3
# The payment streams over 5 minutes; the allocation is slashable after 6 min 15 s.
"$hh" lab time --seconds 376 "${net[@]}"
"$hh" lab claim-rewards "${net[@]}" --account 1
expect_refusal "NotAVS" "$hh" lab avs-slash --operator 2 --percent 10 "${net[@]}" --account 5
"$hh" lab avs-slash --operator 2 --percent 10 "${net[@]}" --account 3
"$hh" lab queue-withdrawal --all "${net[@]}" --account 1
expect_refusal "stays slashable through the delay: wait " "$hh" lab complete-withdrawal --id 1 "${net[@]}" --account 1
expect_refusal "WithdrawalNotFound (withdrawalId 2)" "$hh" lab complete-withdrawal --id 2 "${net[@]}" --account 1
"$hh" lab time --seconds 301 "${net[@]}"
"$hh" lab complete-withdrawal --id 1 "${net[@]}" --account 1
"$hh" lab status "${net[@]}" --account 1

step "Native restaking: a solo staker's validator, withdrawal address a pod"
"$hh" lab pod-create "${net[@]}" --account 4
"$hh" lab pod-stake "${net[@]}" --account 4
"$hh" lab pod-credit "${net[@]}" --account 4
"$hh" lab status "${net[@]}" --account 4

step "Lesson 26–29 (going further): the vault moves to operator 2"
# The vault is delegated to account 0 since the lesson and holds the seed: 0.005 slETH idle, 0.015
# restaked. Moving it is undelegate, wait the restaking delay, complete, delegate anew, restake.
expect_refusal "--undelegate and --delegate contradict each other" "$hh" lab lrt-manage --undelegate --delegate 2 "${net[@]}"
expect_refusal "to move it, \`npx hardhat lab lrt-manage --undelegate --network localhost\`" "$hh" lab lrt-manage --delegate 2 "${net[@]}"
expect_output "then \`npx hardhat lab lrt-manage --complete --network localhost\`" "$hh" lab lrt-manage --undelegate "${net[@]}"
expect_refusal "WithdrawalsStillOpen (open 1)" "$hh" lab lrt-manage --delegate 2 "${net[@]}"
expect_refusal "has passed its delay yet" "$hh" lab lrt-manage --complete "${net[@]}"
"$hh" lab time --seconds 300 "${net[@]}"
expect_output "0.015 slETH back, idle now 0.02 slETH" "$hh" lab lrt-manage --complete "${net[@]}"
expect_output "The vault is delegated to" "$hh" lab lrt-manage --delegate 2 "${net[@]}"
expect_output "Restaked 0.015 slETH; idle now 0.005 slETH" "$hh" lab lrt-manage --restake 0.015 "${net[@]}"

step "Liquid restaking: a student deposits, the vault restakes, earns service rewards, redeems"
"$hh" lab lrt-deposit --eth 0.02 "${net[@]}" --account 1
"$hh" lab lrt-deposit --lst 0.005 "${net[@]}" --account 1
expect_refusal "SlippageExceeded" "$hh" lab lrt-deposit --eth 0.01 --min-shares 1 "${net[@]}" --account 1
"$hh" lab lrt-manage --restake 0.015 "${net[@]}"
"$hh" lab avs-pay --operator 2 --amount 0.001 "${net[@]}" --account 3
"$hh" lab time --seconds 301 "${net[@]}"
expect_output "earned (unharvested, net of fee)" "$hh" lab status "${net[@]}"
"$hh" lab lrt-manage --harvest "${net[@]}"
expect_refusal "has 22 decimals; slrETH has 21" "$hh" lab lrt-redeem --shares 0.0000000000000000000001 "${net[@]}" --account 1
expect_output "Redemption #2" "$hh" lab lrt-redeem --shares 0.01 "${net[@]}" --account 1
expect_output "liquid restaking: redemption" "$hh" lab my-requests "${net[@]}" --account 1
"$hh" lab time --seconds 301 "${net[@]}"
"$hh" lab lrt-claim --id 2 "${net[@]}" --account 1
"$hh" lab status "${net[@]}" --account 1

step "The market: a depeg on the slETH pool, then a liquidation under the spot oracle only"
# Accounts: 6 a borrower, 7 a holder who sells, 8 a liquidator (and arbitrageur).
"$hh" lab stake --amount 0.02 "${net[@]}" --account 6
"$hh" lab stake --amount 0.06 "${net[@]}" --account 7
expect_output "slETH: depeg (market price / NAV − 1)" "$hh" lab status "${net[@]}"
"$hh" lab supply --market lst:spot --collateral 0.004 "${net[@]}" --account 6
"$hh" lab borrow --market lst:spot --amount 0.0036 "${net[@]}" --account 6
"$hh" lab supply --market lst:nav --collateral 0.004 "${net[@]}" --account 6
"$hh" lab borrow --market lst:nav --amount 0.0036 "${net[@]}" --account 6
expect_refusal "UnhealthyPosition" "$hh" lab borrow --market lst:spot --amount 0.001 "${net[@]}" --account 6
"$hh" lab positions "${net[@]}" --account 6
expect_refusal "less than your minimum" "$hh" lab swap --sell slETH --amount 0.01 --min-out 0.02 "${net[@]}" --account 7
"$hh" lab swap --sell slETH --amount 0.05 "${net[@]}" --account 7
expect_output "* !" "$hh" lab positions --of 6 "${net[@]}"
expect_refusal "Not liquidatable" "$hh" lab liquidate --market lst:nav --borrower 6 "${net[@]}" --account 8
"$hh" lab liquidate --market lst:spot --borrower 6 "${net[@]}" --account 8
"$hh" lab swap --sell ETH --buy slETH --amount 0.03 "${net[@]}" --account 8
"$hh" lab add-liquidity --pool slETH --eth 0.005 --tokens 0.005 "${net[@]}" --account 7
"$hh" lab remove-liquidity --pool slETH --all "${net[@]}" --account 7
"$hh" lab repay --market lst:nav --all "${net[@]}" --account 6
"$hh" lab positions "${net[@]}" --account 6

step "The real protocols: stand-ins placed at their Hoodi addresses, the lesson of docs/real-protocols.md"
# Lido, Rocket Pool and EigenLayer as contracts/test/real stands them in (this node has Hoodi's
# chain id); account 9 is the student, account 10 an EigenLayer operator.
real=(--network localhost --account 9)
"$hh" run scripts/real/place-stand-ins.ts "${net[@]}"
expect_output "stETH: 1.2 ETH per share" "$hh" lab real status "${real[@]}"
expect_output "Staked 0.01 ETH in Lido" "$hh" lab real lido-stake --amount 0.01 "${real[@]}"
expect_output "Wrapped 0.002 stETH" "$hh" lab real lido-wrap --amount 0.002 "${real[@]}"
expect_output "Request #1: 0.004 stETH" "$hh" lab real lido-request-withdrawal --amount 0.004 "${real[@]}"
expect_refusal "Lido request #1 is not finalised yet" "$hh" lab real lido-claim --id 1 "${real[@]}"
STAND_IN_ACTION=finalize "$hh" run scripts/real/place-stand-ins.ts "${net[@]}" # Lido's oracle report
expect_output "Claimed request #1" "$hh" lab real lido-claim --id 1 "${real[@]}"
expect_output "Deposited 0.01 ETH into Rocket Pool" "$hh" lab real rp-deposit --amount 0.01 "${real[@]}"
expect_output "at once" "$hh" lab real rp-burn --all "${real[@]}"
expect_output "Restaked 0.003 stETH" "$hh" lab real eigen-restake --amount 0.003 "${real[@]}"
expect_output "is now an EigenLayer operator" "$hh" lab real eigen-delegate --register --network localhost --account 10
expect_output "Delegated your restaked shares" "$hh" lab real eigen-delegate --operator 10 "${real[@]}"
expect_output "for withdrawal" "$hh" lab real eigen-queue-withdrawal --all "${real[@]}"
expect_refusal "EigenLayer's withdrawal delay has not passed" "$hh" lab real eigen-complete "${real[@]}"
rpc hardhat_mine '["0x32"]' # EigenLayer's 50 blocks
expect_output "Completed the withdrawal" "$hh" lab real eigen-complete "${real[@]}"

step "The student's own files are as they were"
after=$(fingerprint)
if [ "$before" != "$after" ]; then echo "the rehearsal changed deployments/ or ignition/deployments/" >&2; exit 1; fi
echo "deployments/ and ignition/deployments/ untouched"

step "Rehearsal passed"
