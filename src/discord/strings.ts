/**
 * The bot's own words, in English and Chinese; the reader's Discord language picks them
 * (interaction.locale). Corpus text is never translated, only framed.
 */

export interface Strings {
  previous: string;
  next: string;
  page: (n: number, of: number | null) => string;
  passages: (n: number) => string;
  statements: (n: number) => string;
  events: (n: number) => string;
  aliases: string;
  roles: string;
  mentions: string;
  mentionsValue: (n: number) => string;
  firstSeen: string;
  lastSeen: string;
  topics: string;
  reported: string;
  alsoIn: string;
  nothingFound: (query: string) => string;
  tryThese: string;
  apology: (command: string | null) => string;
  unknownCommand: (command: string) => string;
  staleButton: string;
  notYourButton: (command: string) => string;
  cooldown: (command: string, unixSeconds: number) => string;
  libraryFailed: string;
  busy: string;
  restarting: string;
  outOfDateButton: string;
}

const en: Strings = {
  previous: 'Previous',
  next: 'Next',
  page: (n, of) => (of === null ? `page ${n}` : `page ${n}/${of}`),
  passages: (n) => (n === 1 ? '1 passage' : `${n} passages`),
  statements: (n) => (n === 1 ? '1 statement' : `${n} statements`),
  events: (n) => (n === 1 ? '1 event' : `${n} events`),
  aliases: 'Also known as',
  roles: 'Roles',
  mentions: 'Mentioned in',
  mentionsValue: (n) => (n === 1 ? '1 article' : `${n} articles`),
  firstSeen: 'First seen',
  lastSeen: 'Last seen',
  topics: 'Topics',
  reported: 'reported',
  alsoIn: 'also in',
  nothingFound: (q) => `Nothing found for “${q}”.`,
  tryThese: 'Try:',
  apology: (c) => `Sorry, something went wrong while answering${c ? ` /${c}` : ''}. It has been logged; please try again in a moment.`,
  unknownCommand: (c) => `I don't know the command /${c} (it may have been removed). Try /ask, /who or /timeline.`,
  staleButton: 'These buttons have expired. Run the command again for a fresh answer.',
  notYourButton: (c) => `Only the person who ran /${c} can turn these pages. Run /${c} yourself to get your own copy.`,
  cooldown: (c, t) => `Please wait a moment: you can use /${c} again <t:${t}:R>.`,
  libraryFailed: 'Sorry, the article index could not be loaded, so I cannot answer right now.',
  busy: 'I am busy answering many questions right now. Please try again in a moment.',
  restarting: 'I am restarting. Please try again in a moment.',
  outOfDateButton: 'This page has already changed; use the buttons on the message as it is now.',
};

const zhCN: Strings = {
  previous: '上一页',
  next: '下一页',
  page: (n, of) => (of === null ? `第 ${n} 页` : `第 ${n}/${of} 页`),
  passages: (n) => `${n} 段`,
  statements: (n) => `${n} 条言论`,
  events: (n) => `${n} 个事件`,
  aliases: '又称',
  roles: '身份',
  mentions: '提及',
  mentionsValue: (n) => `${n} 篇文章`,
  firstSeen: '最早出现',
  lastSeen: '最近出现',
  topics: '话题',
  reported: '报道日期',
  alsoIn: '另见',
  nothingFound: (q) => `没有找到与“${q}”相关的内容。`,
  tryThese: '试试：',
  apology: (c) => `抱歉，回答${c ? ` /${c} ` : ''}时出错了。错误已记录，请稍后再试。`,
  unknownCommand: (c) => `我不认识命令 /${c}（可能已被移除）。试试 /ask、/who 或 /timeline。`,
  staleButton: '这些按钮已过期。请重新运行命令获取新的回答。',
  notYourButton: (c) => `只有运行 /${c} 的用户才能翻页。请自己运行 /${c} 获取一份。`,
  cooldown: (c, t) => `请稍等：<t:${t}:R>可以再次使用 /${c}。`,
  libraryFailed: '抱歉，文章索引加载失败，暂时无法回答。',
  busy: '我正忙着回答很多问题，请稍后再试。',
  restarting: '我正在重启，请稍后再试。',
  outOfDateButton: '这一页已经变了，请使用消息上现在的按钮。',
};

const zhTW: Strings = {
  ...zhCN,
  previous: '上一頁',
  next: '下一頁',
  page: (n, of) => (of === null ? `第 ${n} 頁` : `第 ${n}/${of} 頁`),
  statements: (n) => `${n} 條言論`,
  events: (n) => `${n} 個事件`,
  aliases: '又稱',
  roles: '身分',
  mentionsValue: (n) => `${n} 篇文章`,
  firstSeen: '最早出現',
  lastSeen: '最近出現',
  topics: '話題',
  reported: '報導日期',
  alsoIn: '另見',
  nothingFound: (q) => `沒有找到與「${q}」相關的內容。`,
  tryThese: '試試：',
  apology: (c) => `抱歉，回答${c ? ` /${c} ` : ''}時出錯了。錯誤已記錄，請稍後再試。`,
  unknownCommand: (c) => `我不認識指令 /${c}（可能已被移除）。試試 /ask、/who 或 /timeline。`,
  staleButton: '這些按鈕已過期。請重新執行指令取得新的回答。',
  notYourButton: (c) => `只有執行 /${c} 的使用者才能翻頁。請自己執行 /${c} 取得一份。`,
  cooldown: (c, t) => `請稍等：<t:${t}:R>可以再次使用 /${c}。`,
  libraryFailed: '抱歉，文章索引載入失敗，暫時無法回答。',
  busy: '我正忙著回答很多問題，請稍後再試。',
  restarting: '我正在重新啟動，請稍後再試。',
  outOfDateButton: '這一頁已經變了，請使用訊息上現在的按鈕。',
};

/** The strings for a Discord locale such as 'zh-CN', 'zh-TW' or 'en-US'. */
export function strings(locale: string | null | undefined): Strings {
  if (locale === 'zh-TW') return zhTW;
  if (locale?.startsWith('zh')) return zhCN;
  return en;
}
