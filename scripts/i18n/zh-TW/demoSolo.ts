/** 示範的獨立質押章節（scripts/demo/solo-staking.ts），繁體中文。 */
import type { Catalogue } from "../catalogue.js";

export const demoSolo: Catalogue["demoSolo"] = {
  title: "獨立質押：32 ETH 與自己的節點",
  intro:
    "Carol 存入 {{deposit}} ETH，開一個屬於自己的驗證者，節點也自己架設、自己維運：沒有質押池、" +
    "沒有代幣、也沒有手續費。驗證者的提領地址（0x01 提領憑證）就是她自己的錢包，所以共識層直接付款給她：" +
    "對每個驗證者都會執行的自動提領，會把超過 {{deposit}} ETH 的部分轉到她的錢包，驗證者退出時再付清其餘的部分。",
  yearIntro:
    "她的節點連續上線一年。獎勵依存入金額計算：{{deposit}} ETH × {{apr}} % × 1 年 = {{reward}} ETH。",
  head: {
    day: "第幾天",
    event: "發生什麼事",
    validator: "驗證者餘額 (ETH)",
    paid: "已付給 Carol (ETH)",
    change: "變動 (ETH)",
  },
  steps: {
    deposit: "Carol 存入 {{deposit}} ETH：驗證者 #{{index}}",
    year: "上線一年，年化 {{apr}} %",
    skim: "獎勵自動轉到她的錢包",
    offline: "離線 {{days}} 天：不活躍懲罰",
    slashed: "被削減：初始懲罰 {{deposit}}/{{quotient}}",
    correlation: "相關性懲罰，退出中點（第 {{midpoint}} 天）",
    withdrawn: "可提領：其餘部分付給她",
  },
  yearNote:
    "請注意：這 {{reward}} ETH 不需要她送出任何交易就進了錢包，而她的 {{deposit}} ETH 仍鎖在共識層；" +
    "「變動」欄是她賺到的，自動提領只是把錢搬過去。",
  troubleIntro:
    "接著出事了。她的伺服器故障，離線了 {{days}} 天：離線的驗證者沒有履行職責，要付出大約等於錯過獎勵的不活躍懲罰。" +
    "模擬器按時間計入獎勵，所以會收回那一週的 {{week}} ETH，再扣同樣多：懲罰共 {{penalty}} ETH。" +
    "為了盡快恢復，她在備援機器上啟動同一把金鑰，而第一台還在運作：兩台都在同一個時槽簽署，" +
    "這是會被削減的違規（雙重簽署）。",
  troubleNote:
    "請注意：離線 {{days}} 天讓她少了 {{offline}} ETH，等於一週的獎勵；削減當下就扣 {{deposit}} / {{quotient}} = " +
    "{{initial}} ETH，而在 {{total}} ETH 的活躍質押中只有她這 {{slashed}} ETH 被削減，相關性懲罰只有" +
    "餘額 × 3 × {{slashed}} / {{total}} = {{correlation}} ETH；退出的 {{exitDays}} 天裡她完全沒有獎勵" +
    "（若在線上可得 {{missed}} ETH）。",
  summaryIntro: "獨立質押帶給 Carol 的結果，逐項列出：",
  summary: {
    head: "Carol 的驗證者，第 0 天到第 {{day}} 天",
    eth: "ETH",
    deposited: "存入",
    credited: "活躍期間的獎勵（{{days}} 天，年化 {{apr}} %）",
    inactivity: "不活躍懲罰（離線 {{days}} 天）",
    initial: "削減的初始懲罰（{{deposit}} / {{quotient}}）",
    correlation: "相關性懲罰",
    paid: "付到她錢包的金額（部分提領 + 全額提領）",
    net: "淨額：付回 - 存入",
  },
  summaryNote:
    "請注意：{{day}} 天內以 {{deposit}} ETH 質押，淨額 {{net}} ETH，年化 {{annual}} %，而不是 {{apr}} %：" +
    "獨立質押者拿到全部獎勵（沒有手續費），也獨自承擔所有懲罰；{{lesson}}。",
  lesson: {
    cheaper:
      "初始懲罰為 1/{{quotient}} 時，單獨一個驗證者被削減的損失，比退出期間少拿的 {{missed}} ETH 獎勵還小",
    dearer:
      "初始懲罰為 1/{{quotient}} 時，單獨一個驗證者被削減的損失，比退出期間少拿的 {{missed}} ETH 獎勵還大",
  },
};
