/** 示範的再質押章節（scripts/demo/restaking.ts）。 */
import type { Catalogue } from "../catalogue.js";

export const demoRestaking: Catalogue["demoRestaking"] = {
  title: "再質押（EigenLayer）",
  intro:
    "Alice、Bob、Carol 與 Dave 把 slETH 再質押。Alice 委託給營運者 Olivia，Carol 委託給 Oscar；Bob 不委託。兩位營運者都把 {{allocation}} % 的質押分配給同一個服務（AVS）。",
  head: {
    alice: "Alice →\nOlivia\n(slETH)",
    bob: "Bob\n未委託\n(slETH)",
    carol: "Carol →\nOscar\n(slETH)",
    dave: "Dave →\nOlivia\n(slETH)",
    rewards: "獎勵\nAlice /\nOlivia\n(slETH)",
  },
  step: {
    restake: "1. 再質押 {{amounts}} slETH 並委託",
    pay: "2. AVS 在一天內付給 Olivia 的委託人 {{amount}} slETH",
    slash: "3. AVS 削減 Olivia {{slash}} %",
    late: "4. Dave 在那之後再質押 {{amount}} slETH，委託給 Olivia",
  },
  notice:
    "請注意：只有 Olivia 的委託人為她的過失付出代價：Alice 損失 {{lost}} slETH（{{percent}} %：{{allocation}} % 分配中的 {{slash}} %）；Bob（未委託）與 Carol（另一位營運者）毫髮無傷；較晚加入的 Dave 也完整無損。Olivia 抽取 AVS 獎勵的 {{split}} %。",
};
