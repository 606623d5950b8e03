/**
 * Chinese labels of the centre's management reports (the XLSX headers and group names). The
 * centre keeps its own zh text beside the code that uses it (as syncError messages do); the
 * renderer's catalogue is for the desk.
 */
export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  agency: '个险',
  bancassurance: '银保',
  telesales: '电销',
  internet: '互联网',
  broker: '经代',
};

export const PRODUCT_LABELS: Readonly<Record<string, string>> = {
  traditional: '传统险',
  dividend: '分红险',
  universal: '万能险',
  investment_linked: '投连险',
};

export const CLASS_LABELS: Readonly<Record<string, string>> = { problem: '问题件', substandard: '次标准件' };

/** Group key for cases no agent has held. */
export const NO_AGENT = '-';
