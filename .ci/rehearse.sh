#!/usr/bin/env bash
# Rehearses a Hoodi deployment on a local node (loopback only, Hoodi's chain id), then walks
# through what a student does with the tasks. The node is stopped by its pid, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

hh=./node_modules/.bin/hardhat
net=(--network localhost)
node_log=$(mktemp)
workdir=$(mktemp -d)

# A fresh chain: forget any journal or record of an earlier local rehearsal.
rm -rf ignition/deployments/localhost-560048 deployments/localhost.json

"$hh" node --hostname 127.0.0.1 --port 8545 --chain-id 560048 >"$node_log" 2>&1 &
node_pid=$!
cleanup() {
  kill "$node_pid" 2>/dev/null || true
  wait "$node_pid" 2>/dev/null || true
  rm -rf "$workdir" "$node_log"
}
trap cleanup EXIT

for _ in $(seq 1 60); do
  if node -e 'fetch("http://127.0.0.1:8545",{method:"POST",headers:{"content-type":"application/json"},body:JSON.stringify({jsonrpc:"2.0",id:1,method:"eth_chainId",params:[]})}).then(r=>r.json()).then(j=>process.exit(j.result==="0x88bb0"?0:1)).catch(()=>process.exit(1))'; then
    break
  fi
  if ! kill -0 "$node_pid" 2>/dev/null; then cat "$node_log"; echo "the local node died" >&2; exit 1; fi
  sleep 1
done

step() { printf '\n=== %s\n' "$*"; }
# One JSON-RPC call to the local node, e.g. rpc hardhat_setBalance '["0x…","0x1"]'.
rpc() {
  node -e 'fetch("http://127.0.0.1:8545",{method:"POST",headers:{"content-type":"application/json"},body:JSON.stringify({jsonrpc:"2.0",id:1,method:process.argv[1],params:JSON.parse(process.argv[2])})}).then(r=>r.json()).then(j=>{if(j.error){console.error(j.error.message);process.exit(1)}})' "$1" "$2"
}
deployer=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 # the node's first account
# Runs a command that must fail with a one-line, actionable message containing $1.
expect_refusal() {
  local expected=$1; shift
  if "$@" >"$workdir/out" 2>&1; then cat "$workdir/out"; echo "expected a refusal from: $*" >&2; exit 1; fi
  if ! grep -q -- "$expected" "$workdir/out"; then cat "$workdir/out"; echo "refusal lacks \"$expected\"" >&2; exit 1; fi
  echo "refused as expected: $(grep -- "$expected" "$workdir/out" | head -1)"
}

step "Refusals a student may meet"
expect_refusal "keystore set HOODI_RPC_URL" env -u HOODI_RPC_URL -u HOODI_PRIVATE_KEY "$hh" run scripts/deploy.ts --network hoodi
expect_refusal "deploy.ts --network localhost" "$hh" lab status "${net[@]}"

rpc hardhat_setBalance "[\"$deployer\",\"0x38d7ea4c68000\"]" # 0.001 ETH
expect_refusal "get Hoodi ETH from a faucet" "$hh" run scripts/deploy.ts "${net[@]}"
rpc hardhat_setBalance "[\"$deployer\",\"0x21e19e0c9bab2400000\"]" # 10,000 ETH

step "Deploy to the local node (chain id 560048, classroom profile)"
"$hh" run scripts/deploy.ts "${net[@]}"
test -f deployments/localhost.json

step "Deploy again: nothing is sent"
"$hh" run scripts/deploy.ts "${net[@]}" | tee "$workdir/second"
grep -q "0 transaction(s) sent" "$workdir/second"

step "A student stakes, the operator stakes validators, a simulated year passes"
"$hh" lab stake --amount 0.1 "${net[@]}"
expect_refusal "DepositBelowMinimum" "$hh" lab stake --amount 0.000001 "${net[@]}"
expect_refusal "must be an amount" "$hh" lab stake --amount lots "${net[@]}"
"$hh" lab stake-validator --count 2 "${net[@]}"
"$hh" lab time --seconds 1800 "${net[@]}"
"$hh" lab cl-sweep "${net[@]}"
"$hh" lab report "${net[@]}"
"$hh" lab status "${net[@]}"

step "A withdrawal through the queue"
"$hh" lab request-withdrawal --amount 0.02 "${net[@]}"
expect_refusal "RequestNotFinalized" "$hh" lab claim-withdrawal --id 1 "${net[@]}"
"$hh" lab time --seconds 60 "${net[@]}"
"$hh" lab report "${net[@]}"
"$hh" lab claim-withdrawal --id 1 "${net[@]}"

step "The teacher slashes a validator; the next report lowers the rate"
"$hh" lab cl-slash --index 0 "${net[@]}"
"$hh" lab time --seconds 200 "${net[@]}"
"$hh" lab cl-sweep "${net[@]}"
"$hh" lab report --confirm "${net[@]}"
"$hh" lab status "${net[@]}"

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
"$hh" lab claim-rewards "${net[@]}" --account 1
expect_refusal "NotAVS" "$hh" lab avs-slash --operator 2 --percent 10 "${net[@]}" --account 5
"$hh" lab avs-slash --operator 2 --percent 10 "${net[@]}" --account 3
"$hh" lab queue-withdrawal --all "${net[@]}" --account 1
expect_refusal "WithdrawalDelayNotElapsed" "$hh" lab complete-withdrawal --id 1 "${net[@]}" --account 1
"$hh" lab time --seconds 301 "${net[@]}"
"$hh" lab complete-withdrawal --id 1 "${net[@]}" --account 1
"$hh" lab status "${net[@]}" --account 1

step "Native restaking: a solo staker's validator, withdrawal address a pod"
"$hh" lab pod-create "${net[@]}" --account 4
"$hh" lab pod-stake "${net[@]}" --account 4
"$hh" lab pod-credit "${net[@]}" --account 4
"$hh" lab status "${net[@]}" --account 4

step "Liquid restaking: the LRT vault stakes, restakes, earns service rewards, redeems"
"$hh" lab lrt-manage --delegate 2 "${net[@]}"
"$hh" lab lrt-deposit --eth 0.02 "${net[@]}" --account 1
"$hh" lab lrt-deposit --lst 0.005 "${net[@]}" --account 1
expect_refusal "SlippageExceeded" "$hh" lab lrt-deposit --eth 0.01 --min-shares 1 "${net[@]}" --account 1
"$hh" lab lrt-manage --restake 0.015 "${net[@]}"
"$hh" lab avs-pay --operator 2 --amount 0.001 "${net[@]}" --account 3
"$hh" lab lrt-manage --harvest "${net[@]}"
"$hh" lab lrt-redeem --shares 0.01 "${net[@]}" --account 1
"$hh" lab time --seconds 301 "${net[@]}"
"$hh" lab lrt-claim --id 1 "${net[@]}" --account 1
"$hh" lab status "${net[@]}" --account 1

step "Rehearsal passed"
