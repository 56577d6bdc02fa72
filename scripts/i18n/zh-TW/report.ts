/** HTML 報告（`npm run report`）：頁面、各圖表的標題與座標軸（繁體中文）。 */
import type { Catalogue } from "../catalogue.js";

export const report: Catalogue["report"] = {
  pageTitle: "Staking Lab — 示範實際量到的數字",
  intro:
    "每張圖都來自示範在內建區塊鏈上的實際執行，全程離線。將滑鼠移到資料點上可看數值；編號的直線標示圖下列出的事件。",
  made: "由 {{command}} 於 {{date}} 產生。",
  series: "數列",
  events: "發生了什麼",
  points: "記錄的資料點：{{count}}",
  empty: "這張圖沒有記錄任何資料點：請連同報告執行「{{chapter}}」章節（{{command}}）。",
  liquidation: "1 = 清算",
  axes: {
    days: "時間（天）",
    step: "脫鉤的步驟",
    lstRate: "slETH 匯率（每 slETH 值多少 ETH）",
    ethValue: "價值（ETH）",
    price: "價格（每枚代幣值多少 ETH）",
    healthFactor: "健康因子（低於 1：被清算）",
  },
  charts: {
    lstRate: {
      title: "流動性質押憑證的匯率：獎勵與削減",
      caption: "獎勵同時提高每位持有人的匯率；削減則讓所有人一起承擔損失（損失社會化）。",
    },
    lrtValue: {
      title: "流動性再質押代幣的價值與兩層收益",
      caption: "流動性再質押代幣同時賺取共識層與 AVS 的獎勵，也承擔兩層的削減：兩個匯率相乘。",
    },
    depegPrice: {
      title: "脫鉤期間：池子的價格與淨值",
      caption: "淨值是協議對每枚代幣的負債；池子的價格是現在賣出能拿到的。兩者的差距就是脫鉤。",
    },
    healthFactors: {
      title: "同一筆借款在各種預言機下的健康因子",
      caption: "同一筆借款由各預言機定價：健康因子低於 1 時就會被清算。",
    },
    comparison: {
      title: "32 ETH 的去向：各種質押方式",
      caption: "同樣的一年、同樣的事件，走過每一種質押方式：每個事件後持有價值（以 ETH 計）。",
    },
  },
};
