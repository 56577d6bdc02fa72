/** `npm run compare` 與示範的最後一章：五種質押方式並列比較（繁體中文）。 */
import type { Catalogue } from "../catalogue.js";

export const compare: Catalogue["compare"] = {
  title: "用 32 ETH 質押的五種方式：同一年、同樣的事件",
  running: "在全新的內建鏈上跑完這一年……",
  corner: "32 ETH，一年",
  types: {
    solo: "獨立質押",
    liquid: "流動性質押（slETH）",
    native: "原生再質押",
    lstRestaked: "slETH 直接再質押",
    lrt: "流動性再質押（slrETH）",
  },
  rows: {
    capital: "所需資金（ETH）",
    holding: "你持有的是",
    layers: "收益層（年化 %）",
    fees: "獎勵被收的費用（ETH）",
    value: "一年後的價值（ETH）",
    return: "一年的報酬（%）",
    exitNav: "按淨值退出（天）",
    exitMarket: "立刻在池中賣出（低於淨值）",
    clLoss: "共識層削減的損失（ETH）",
    avsLoss: "AVS 削減的損失（ETH）",
  },
  cells: {
    plusNode: "{{amount}}，外加自己的節點",
    minimum: "{{amount}} 起",
    validator: "一個驗證者（被削減後已退出）",
    pod: "一個 pod：再質押 {{amount}} ETH",
    slEth: "{{amount}} slETH",
    restakedSlEth: "策略中的 {{amount}} slETH，沒有新代幣",
    slrEth: "{{amount}} slrETH",
    cl: "共識層 {{rate}}",
    avs: "AVS {{rate}}",
    lstFee: "LST {{amount}}",
    operatorFee: "營運者 {{amount}}",
    lrtFee: "LRT {{amount}}",
    none: "無",
    noToken: "沒有代幣可賣",
    locked: "無法：鎖定 {{days}} 天",
    discount: "{{percent}} %",
    notReached: "—",
  },
  note:
    "五種方式經歷同樣的事件：共識層獎勵年化 {{apr}} %；第 {{clDay}} 天一次削減打中每份質押的一個驗證者" +
    "（獨立質押與 pod 自己的驗證者，之後被迫退出；質押池 {{validators}} 個驗證者中的一個，損失由大家分攤）；" +
    "AVS 對原生 ETH 支付年化 {{avsNative}} %、對 slETH 支付 {{avsLst}} % 的獎勵，並在第 {{avsDay}} 天" +
    "削減營運者 {{allocation}} % 分配中的 {{avsSlash}} %；年底一位巨鯨賣出 slETH，直到 ETH 只占池子的 " +
    "{{ethShare}} %，也賣出等值的 slrETH。價值按淨值計算；池中折價是賣出全部持有量的實際報價。",
  notice:
    "請注意：質押池把削減分攤給所有持有者，獨立質押則獨自承擔；再質押多一層獎勵，也多一層損失；" +
    "只有代幣能立刻賣出，而且是按池子的價格。",
  refreshed: "已更新 {{files}} 中的比較表。",
  upToDate: "{{files}} 中的比較表已是最新。",
};
