/** 示範的流動性再質押章節（scripts/demo/liquid-restaking.ts）。 */
import type { Catalogue } from "../catalogue.js";

export const demoLiquidRestaking: Catalogue["demoLiquidRestaking"] = {
  title: "流動性再質押（Ether.fi、Kelp、Renzo、Puffer）",
  intro:
    "Erin 把 ETH 存進流動性再質押金庫。金庫先透過質押池質押（換成 slETH），保留 {{buffer}} % 的緩衝，其餘交給營運者 Oscar 再質押；Oscar 把部分質押分配給 AVS。",
  head: {
    lst: "slETH 匯率\n(ETH)",
    vault: "金庫匯率\n(slETH)",
    lrt: "slrETH\n(ETH)",
    erin: "Erin\n(ETH)",
    restaked: "已再質押\n(slETH)",
  },
  step: {
    deposit: "1. Erin 存入 {{eth}} ETH：先透過質押池質押",
    restake: "2. 金庫把 {{slEth}} slETH 交給 Oscar 再質押，保留 {{idle}} 閒置；質押一個驗證者",
    year: "3. 一年的共識層獎勵，每月回報：slrETH {{change}} %",
    avsRewards: "4. AVS 支付 {{amount}} slETH；收割：手續費 {{fee}} slrETH",
    clSlash: "5. 共識層：一個驗證者被削減（1/32）：slETH 匯率 {{change}} %",
    avsSlash: "6. AVS：Oscar 被削減 10 %：金庫匯率 {{change}} %",
    redeem: "7. Erin 贖回一半；{{days}} 天後：{{slEth}} slETH（{{eth}} ETH）",
  },
  notice: {
    table:
      "請注意：slrETH 的價值 =（每 slrETH 值多少 slETH）×（每 slETH 值多少 ETH）：兩層獎勵都讓它上升；共識層削減讓 slETH 匯率變動 {{cl}} %，AVS 削減讓金庫匯率變動 {{avs}} %，兩者相乘：slrETH {{both}} %。",
    chart:
      "請注意：一整年 slrETH 都跟著 slETH 走；AVS 付款時它升到 slETH 之上（只有 slrETH 賺得到），AVS 削減時又跌到 slETH 之下；共識層削減讓兩者一起下跌。",
  },
  series: {
    lrt: "slrETH (ETH)",
    lst: "slETH (ETH)",
  },
  chart: "一枚代幣以 ETH 計的價值，逐步呈現 {{days}} 天",
};
