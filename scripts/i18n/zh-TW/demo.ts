/** 示範的共用文字：開場與結尾、老師的控制選項、各表格共用的詞（繁體中文）。 */
import type { Catalogue } from "../catalogue.js";

export const demo: Catalogue["demo"] = {
  title: "Staking Lab 質押實驗室 — 課堂示範",
  profile:
    "設定檔「{{name}}」：接近主網的數字：每個驗證者 {{deposit}} ETH、年化 {{apr}} %、再質押提領延遲 {{delay}} 天。",
  profileNotUsed:
    "示範不使用 STAKING_LAB_PROFILE={{asked}}：示範的故事用主網的數字來講（存入 100 ETH、32 ETH 的驗證者），所以執行「{{name}}」設定檔。課堂設定檔是給 Hoodi 測試網或本機節點上的課程用的：請見 `docs/lesson.md`。",
  roles: "老師掌握共識層、預言機與營運者的角色；Alice、Bob 和其他人是質押者。",
  chapter: "第 {{number}} 章 — {{title}}",
  lossConfirmed: "；超過損失預算：已由第二個角色確認",
  pressEnter: "按 Enter 繼續下一步… ",
  unknownChapter: "不認得的章節 {{asked}}：請從 {{choices}} 中選一個（例如 `--chapter depeg`）。",
  stepWithoutTerminal: "--step 只在終端機裡暫停，而標準輸入不是終端機：示範會不暫停地跑完。",
  reportNotDirectory:
    "無法把報告寫到 {{dir}}：它是檔案，不是目錄。請改用一個目錄（例如 `--report reports/latest`）。",
  reportNotWritable:
    "無法把報告寫到 {{dir}}（{{code}}）：請選一個可以寫入的目錄（例如 `--report reports/latest`）。",
  reportWritten: "報告已寫好（用瀏覽器開啟，不需網路）：{{path}}",
  listSeparator: "、",
  step: "步驟",
};
