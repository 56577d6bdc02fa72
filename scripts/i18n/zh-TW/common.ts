/** 各章節、表格與報告共用的詞（繁體中文）。 */
import type { Catalogue } from "../catalogue.js";

export const common: Catalogue["common"] = {
  language: "繁體中文",
  unknownLanguage: "不認得的語言 {{asked}}：請從 {{choices}} 中選一個（例如 --lang zh-TW）。",
  units: {
    eth: "ETH",
    percent: "%",
    days: "天",
    seconds: "秒",
  },
  done: "完成，共 {{seconds}} 秒。",
};
