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

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$workdir" "$node_log"
}
trap cleanup EXIT

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
start_node 8545 560048

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
# An RPC URL that is not Hoodi: a second local node with the default chain id 31337.
start_node 8546 31337
# The key is a throwaway made for this check alone (it holds nothing and is never written down).
throwaway_key=$(node --input-type=module -e 'import { Wallet } from "ethers"; console.log(Wallet.createRandom().privateKey)')
expect_refusal "answers with chain id 31337, not 560048" env HOODI_RPC_URL=http://127.0.0.1:8546 \
  HOODI_PRIVATE_KEY="$throwaway_key" "$hh" run scripts/deploy.ts --network hoodi

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
  fetch("http://127.0.0.1:8545", { method: "POST", headers: { "content-type": "application/json" },
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
"$hh" lab time --seconds 600 "${net[@]}" # a slashed validator waits a correlation window (10 min)
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
# The payment streams over 5 minutes; the allocation is slashable after 6 min 15 s.
"$hh" lab time --seconds 376 "${net[@]}"
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
"$hh" lab time --seconds 301 "${net[@]}"
"$hh" lab lrt-manage --harvest "${net[@]}"
"$hh" lab lrt-redeem --shares 0.01 "${net[@]}" --account 1
"$hh" lab time --seconds 301 "${net[@]}"
"$hh" lab lrt-claim --id 1 "${net[@]}" --account 1
"$hh" lab status "${net[@]}" --account 1

step "Rehearsal passed"
