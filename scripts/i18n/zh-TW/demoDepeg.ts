/** 示範的脫鉤章節（scripts/demo/depeg.ts）。 */
import type { Catalogue } from "../catalogue.js";

export const demoDepeg: Catalogue["demoDepeg"] = {
  title: "脫鉤：市場價格與淨值（NAV）",
  intro:
    "一條含市場層的新鏈：每種代幣一個 StableSwap 池（ETH 對 slETH、ETH 對 slrETH），由老師每邊注入 {{seed}} ETH；每種代幣另有四個借貸市場，差別只在預言機：NAV（兌換匯率）、CAPO（設上限的 NAV）、現貨價、EMA。",
  head: {
    ethShare: "ETH 占比",
    spot: "現貨價 / NAV",
    ema: "EMA / NAV",
    nav: "NAV (ETH)",
    depeg: "脫鉤",
  },
  oracles: {
    ExchangeRate: "NAV",
    CappedRate: "CAPO",
    Spot: "現貨價",
    Ema: "EMA",
  },
  lst: {
    closed: "提領關閉",
    open: "提領開放",
    seeded: "注入流動性；一年的獎勵",
    sell: "{{number}}. Alice 賣出 {{amount}} slETH；10 分鐘",
    sellToTarget: "3. 再賣出 {{amount}}：ETH 剩 18.5 %",
    hourLater: "4. 一小時後，沒有人贖回",
    buy: "{{number}}. Bob 買進：{{eth}} ETH → {{slEth}} slETH",
    queue: "提領佇列：{{slEth}} slETH → {{eth}} ETH",
  },
  lrt: {
    intro:
      "流動性再質押代幣：slrETH 無法贖回（金庫暫停，如 2024 年 4 月的 ezETH）。Carol、Dave 與 Erin 在四個市場各抵押同樣多的 slrETH（LLTV {{lltv}} %、清算獎勵 {{incentive}}），分別借出其 NAV 的 {{ltvs}}。接著 Frank 把 slrETH 倒進池子。",
    pool: "LRT 池，A = {{a}}",
    seeded: "注入流動性",
    sold: "Frank 已賣出價值 {{eth}} ETH",
  },
  liquidations: {
    head: "{{oracle}}：HF",
    borrower: "{{name}}（{{ltv}} %）",
    price: "價格 / NAV",
    afterDump: "拋售之後",
    later: "{{minutes}} 分鐘後",
    gone: "（已清算）",
    safe: "{{health}} 安全",
    liquidated: "{{health}} 被清算",
    badDebt: "{{health}} 壞帳",
  },
  badDebt: {
    head: "沖銷的壞帳 (ETH)",
    row: "放款人的損失",
  },
  notice: {
    closed:
      "請注意：沒有人能以 NAV 贖回時，沒有力量把價格拉回：ETH 只剩 18.5 % 時，池子只付 NAV 的 {{price}}（Curve，2022 年 6 月：0.935–0.94），EMA 在一小時內跟上；一開始的 −0.1 % 是因為池子每次最多只讓 NAV 的上漲反映 1 %（Curve 的安全速率）。",
    open: "請注意：Bob 付了 {{paid}} ETH，一天後提領佇列付給他 {{received}} ETH，獲利 {{profit}} %，低於第一枚 slETH 的（1 − 手續費）/ 價格 − 1 = {{expected}} %，因為他的買進縮小了價差。",
    cliff:
      "請注意：A = {{a}} 在池中還有 ETH 時把價格維持在 NAV 附近不到 1 % 的範圍，最後那些 ETH 卻是懸崖：現貨價掉下懸崖，EMA 還沒動。",
    afterDump:
      "請注意：只有現貨價預言機立刻看到懸崖；低於 LTV × 清算獎勵（{{ltv}} % × {{incentive}} = NAV 的 {{cover}}）時，抵押品已不足以償還債務，其餘變成壞帳。",
    later:
      "請注意：經過 {{halfLives}} 個 EMA 半衰期（每個 {{minutes}} 分鐘）後，EMA 已跟上大部分跌幅，同樣的貸款在它之下也被清算；NAV 與 CAPO 仍然沒有理由清算。",
    chart:
      "請注意：在 NAV 與 CAPO 預言機下，這筆貸款的健康因子完全不動；在現貨價下它隨池子掉下懸崖，在 EMA 下則晚了半小時。",
    badDebt:
      "請注意：以市價計價的市場由放款人承擔懸崖的損失（2024 年 4 月 24 日，Morpho 的 86 % ezETH 市場就這樣沖銷了 10.96 ETH），而兌換匯率預言機一個也沒清算：這是流動性事件，不是資產擔保的損失。",
  },
  chart: "{{name}} 的貸款（NAV 的 {{ltv}} %）在各預言機下的健康因子，逐步呈現",
  chartSteps: "步",
  series: {
    market: "市場價格 (ETH)",
    ema: "EMA (ETH)",
    nav: "NAV (ETH)",
    health: "{{name}}（{{ltv}} %）：{{oracle}}",
  },
};
