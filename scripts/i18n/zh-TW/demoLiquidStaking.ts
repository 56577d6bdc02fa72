/** 示範的流動性質押章節（scripts/demo/liquid-staking.ts）。 */
import type { Catalogue } from "../catalogue.js";

export const demoLiquidStaking: Catalogue["demoLiquidStaking"] = {
  title: "流動性質押",
  intro:
    "Alice 與 Bob 把 ETH 存進質押池，換得 slETH：一種流動性質押憑證，它以 ETH 計的價值會隨著質押池驗證者在共識層賺到的獎勵而增加（rETH / wstETH 的模型）。",
  head: {
    rate: "slETH 匯率\n(ETH)",
    buffer: "緩衝\n(ETH)",
    alice: "Alice\n(ETH)",
    bob: "Bob\n(ETH)",
    treasury: "國庫\n(ETH)",
  },
  step: {
    deposit: "1. Alice 存入 {{alice}} ETH，Bob 存入 {{bob}} ETH",
    stake: "2. 營運者質押 {{count}} 個 {{deposit}} ETH 的驗證者",
    year: "3. 一年、年化 {{apr}} %，每月回報一次：+{{rewards}} ETH",
    slash: "4. 一週後，驗證者 {{index}} 被削減（1/{{quotient}}）：−{{loss}} ETH",
    slashPrePectra: "5. 一週後，驗證者 {{index}} 被削減（1/32，Pectra 升級前）：−{{loss}} ETH",
    request: "6. Bob 申請提領 {{shares}} slETH，此刻價值 {{eth}} ETH",
    bunker: "7. 地堡模式下的回報：{{pending}} 個被削減，什麼都不支付",
    sweep:
      "8. {{days}} 天後，{{exits}} 個驗證者退出撥付（{{slashed}} 個被削減、{{queue}} 個為 Bob 的申請退出）：收到 {{paid}} ETH，相關性懲罰 −{{penalty}} ETH",
    finalise: "9. 下一次回報完成 Bob 申請的結算",
    claim: "10. Bob 領取：{{shares}} slETH → {{eth}} ETH",
  },
  notice: {
    year: "請注意：驗證者上的 {{staked}} ETH 賺了 {{apr}} %（{{rewards}} ETH），{{buffer}} ETH 的緩衝什麼都沒賺，{{fee}} % 的手續費以 slETH 給了國庫，所以匯率上升 {{rise}} %，而不是 {{apr}} %。",
    slashings:
      "請注意：削減會同時降低所有持有者的匯率（損失由大家分攤）。Pectra 升級後的初始懲罰是押金的 1/{{quotient}}（{{small}} ETH），加上那一週的獎勵，匯率變動 {{firstMove}} %；升級前是 1/32（{{big}} ETH），同樣加上一週的獎勵，匯率變動 {{fall}} %。",
    withdrawal:
      "請注意：相關性懲罰（{{penalty}} ETH）要到退出餘額撥付時才落下：窗口內被削減 {{slashed}} ETH，以三倍計入、相對於全網質押的 {{network}} ETH；Bob 拿到 {{paid}} ETH，是他申請時的價值（{{requested}}）與結算時的價值（{{final}}）中較低者。",
    chart:
      "請注意：每月一次的回報讓匯率上升一階；第 365 天之後的下跌是兩次削減，之後幾週的獎勵又讓它回升。",
  },
  series: "slETH 匯率",
  chart: "slETH 匯率（每 slETH 值多少 ETH），橫軸為天數",
};
