/**
 * Link and one-time-code extraction from email content. Pure text processing: links are never
 * fetched, and nothing here trusts the email.
 */

import { decodeEntities, htmlToText } from "./html-text.js";

/** ExtractedLink is one distinct link, with the text it was shown under when it came from HTML. */
export interface ExtractedLink {
  url: string;
  text: string;
  source: "html" | "text";
}

const TEXT_URL = /\bhttps?:\/\/[^\s<>"'()[\]{}]+/gi;

/**
 * extractLinks lists the http(s) links of a message, HTML anchors first (with their text), then
 * bare URLs in the text part, each URL once, in document order.
 */
export function extractLinks(text: string, html: string): ExtractedLink[] {
  const out = new Map<string, ExtractedLink>();
  const anchor = /<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]*?)<\/a\s*>/gi;
  for (const m of html.matchAll(anchor)) {
    const url = decodeEntities((m[1] ?? m[2] ?? m[3] ?? "").trim());
    if (!/^https?:\/\//i.test(url) || out.has(url)) continue;
    out.set(url, { url, text: htmlToText(m[4] ?? ""), source: "html" });
  }
  const bare = [...(text.match(TEXT_URL) ?? []), ...(stripTagsKeepUrls(html).match(TEXT_URL) ?? [])];
  for (const raw of bare) {
    const url = decodeEntities(raw).replace(/[.,;:!?]+$/, "");
    if (!out.has(url)) out.set(url, { url, text: "", source: "text" });
  }
  return [...out.values()];
}

/** stripTagsKeepUrls keeps URLs that appear in HTML text (not in attributes). */
function stripTagsKeepUrls(html: string): string {
  return html.replace(/<[^>]*>/g, " ");
}

/** ExtractedCode is a candidate one-time code with why it ranks where it does. */
export interface ExtractedCode {
  /** The code with spaces and dashes removed, as one would type it. */
  code: string;
  /** The code as written in the email. */
  raw: string;
  score: number;
  context: string;
}

const KEYWORDS =
  /\b(code|codes|otp|one[- ]time|verification|verify|confirm(ation)?|pass ?code|pin|token|security|login|sign[- ]in|2fa|two[- ]factor|authenticat\w*|reset)\b/i;
const CANDIDATE =
  /(?<![\w@./#$€£-])([0-9]{3,4}[ -][0-9]{3,4}|[0-9]{4,8}|(?=[A-Z0-9]*[0-9])(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,8})(?![\w@/%€£$-]|\.\d)/g;

/**
 * extractCodes finds one-time codes (OTPs, verification codes), most likely first. Ranking: near a
 * word such as "code" or "verification" (before it, or in the subject), six digits, a grouped form
 * like "381 442" or "381-442"; penalised, and dropped when the score falls below zero: years,
 * times, prices, phone and reference numbers. Numbers inside URLs are never candidates.
 */
export function extractCodes(subject: string, text: string, html: string): ExtractedCode[] {
  const body = text.trim() ? text : htmlToText(html);
  const withoutUrls = body.replace(TEXT_URL, (u) => " ".repeat(u.length));
  const subjectHasKeyword = KEYWORDS.test(subject);
  const found = new Map<string, ExtractedCode & { index: number }>();
  const sources: [string, number][] = [
    [subject, -1],
    [withoutUrls, 0],
  ];
  for (const [source, base] of sources) {
    for (const m of source.matchAll(CANDIDATE)) {
      const raw = m[1]!;
      const code = raw.replace(/[ -]/g, "");
      if (code.length < 4 || code.length > 8) continue;
      const at = m.index ?? 0;
      const before = source.slice(Math.max(0, at - 60), at);
      const after = source.slice(at + raw.length, at + raw.length + 24);
      let score = 0;
      if (KEYWORDS.test(before.slice(-40))) score += 4;
      else if (KEYWORDS.test(after)) score += 2;
      else if (subjectHasKeyword) score += 1;
      if (base === -1) score += 2;
      if (/^\d+$/.test(code) && code.length === 6) score += 2;
      else if (/^\d+$/.test(code)) score += 1;
      if (/[ -]/.test(raw)) score += 1;
      if (/^(19|20)\d\d$/.test(code)) score -= 6;
      if (/^\s*(:\d|h\b|am\b|pm\b|%|,\d)/i.test(after) || /[$€£]\s*$/.test(before)) score -= 3;
      if (/\b(order|invoice|ticket|account|phone|tel|fax|call(\s+us)?(\s+on|\s+at)?|ref(erence)?|no\.?|number)\s*[#:]?\s*$/i.test(before))
        score -= 3;
      const prev = found.get(code);
      const candidate = {
        code,
        raw,
        score,
        context: `${before.slice(-30)}${raw}${after}`.replace(/\s+/g, " ").trim(),
        index: base === -1 ? -1 : at,
      };
      if (!prev || prev.score < score) found.set(code, candidate);
    }
  }
  // A negative score means the number was recognised as something else (a year, price, phone or
  // reference number): not worth offering as a code.
  return [...found.values()]
    .filter((c) => c.score >= 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ index: _index, ...c }) => c);
}
