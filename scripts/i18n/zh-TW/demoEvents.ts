/** 示範的真實事件章節（scripts/demo/real-events.ts），繁體中文。 */
import type { Catalogue } from "../catalogue.js";

export const demoEvents: Catalogue["demoEvents"] = {
  title: "重演真實事件",
  intro:
    "Pectra 升級（主網，2025 年 5 月 7 日）把削減的初始懲罰從驗證者餘額的 1/32 降到 1/4096：" +
    "以 32 ETH 來說，從 1 ETH 降到 0.0078125 ETH。相關性懲罰沒有改變：約 36 天內被削減的質押越多，" +
    "每個被削減的驗證者損失就越大。",
  launchnodes: {
    intro:
      "2023 年 10 月 11 日：簽署器設定錯誤，讓 Launchnodes 替 Lido 運作的 {{count}} 個驗證者重複簽署，" +
      "{{count}} 個在同一個下午全部被削減。這裡的質押池先自己質押 {{count}} 個驗證者，再從同一個狀態重演三次：" +
      "沒有削減、用現在的規則（1/4096）、用 2023 年的規則（1/32），每次都走到 {{days}} 天後的退出與預言機回報。",
  },
  head: {
    none: "沒有削減",
    after: "Pectra 之後：1/{{quotient}}",
    before: "Pectra 之前：1/{{quotient}}",
  },
  rates: {
    head: "slETH 匯率（每 slETH 值多少 ETH）",
    start: "第 0 天，削減之前",
    slashed: "第 0 天，回報削減之後",
    end: "第 {{days}} 天，退出並提領、回報之後",
    change: "第 0 天到第 {{days}} 天的變化 (%)",
    note:
      "請注意第 0 天的下跌：{{count}} 筆初始懲罰在 Pectra 之前讓匯率跌了 {{preDrop}} %（{{preInitial}} ETH），" +
      "之後只跌 {{postDrop}} %（{{postInitial}} ETH），因為這裡的 {{count}} 個驗證者占質押池的 {{share}} %；" +
      "在 Lido 數百萬 ETH 的規模裡，同樣的損失只讓當天的獎勵變少一些。",
    confirmed:
      "在 Pectra 之前，這筆損失超過預言機的損失額度，必須由第二個角色確認回報（Lido 的第二意見機制），匯率才能下跌。",
  },
  costs: {
    intro:
      "這些削減的代價，讀自模擬器的事件。每個被削減驗證者的相關性懲罰 = 餘額 × 3 × 它的時間窗內被削減的質押" +
      "（{{slashed}} ETH）/ 它被削減時的活躍質押（第一個是 {{total}} ETH：網路其他部分加上實驗室裡仍活躍的驗證者）。",
    head: "{{count}} 筆削減 (ETH)",
    initial: "初始懲罰，{{count}} × {{deposit}} / 商數",
    correlation: "相關性懲罰，3 × {{slashed}} / {{total}}",
    perValidator: "每個驗證者的懲罰",
    notEarned: "{{count}} 個驗證者不再賺取的獎勵（扣除手續費後）",
    holders: "slETH 持有人的總損失（第 {{days}} 天）",
    note:
      "請注意：真實事件中這 {{count}} 個驗證者總共損失 {{real}} ETH（Lido 的統計，當時是 1/32 規則）：" +
      "其中 {{preInitial}} ETH 是初始懲罰，其餘是錯過的獎勵，以及被削減的驗證者在可提領之前每個時期都要付的懲罰，" +
      "這部分模擬器沒有收取；Pectra 之後，同樣的事件只要 {{postPenalties}} ETH 的懲罰，而不是 {{prePenalties}} ETH，" +
      "持有人的損失主要變成退出的驗證者不再賺取的獎勵。",
  },
};
