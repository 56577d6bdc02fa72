/**
 * Wrapping that counts columns as a terminal shows them: a Chinese character takes two columns,
 * and Chinese prose has no spaces, so a line may break between any two of its characters (never
 * inside a Latin word or a number). Used for the comparison's cells and its note in zh-TW.
 */

/** East Asian wide characters (CJK, Hangul, full-width forms and punctuation) take two columns. */
const WIDE_CLASS =
  "\\u1100-\\u115f\\u2e80-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6";
const WIDE = new RegExp(`[${WIDE_CLASS}]`, "u");

/** Columns a string takes in a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/**
 * The pieces a line may break between: spaces, a Latin word, or one wide character; an opening
 * bracket sticks to what follows it and closing punctuation to what precedes it, so no line
 * ends with "（" or starts with "，".
 */
const PIECES = new RegExp(
  `\\s+|[（「『]*(?:[^\\s${WIDE_CLASS}]+|[${WIDE_CLASS}])[，。、；：）」』！？％]*`,
  "gu",
);

/** Wraps `text` at `width` columns; existing line breaks are kept. */
export function wrapColumns(text: string, width: number): string {
  return text
    .split("\n")
    .map((paragraph) => {
      const lines: string[] = [];
      let line = "";
      for (const piece of paragraph.match(PIECES) ?? []) {
        if (/^\s+$/.test(piece)) {
          if (line !== "") line += " ";
        } else if (line.trim() !== "" && displayWidth(line + piece) > width) {
          lines.push(line.trimEnd());
          line = piece;
        } else line += piece;
      }
      if (line.trimEnd() !== "") lines.push(line.trimEnd());
      return lines.join("\n");
    })
    .join("\n");
}
